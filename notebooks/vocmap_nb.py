"""Shared setup of the vocmap notebooks: finding the binary and the warehouse,
running vocmap and reading its CSV output into pandas, Chinese fonts in plots.

Each notebook's ``parameters`` cell sets BIN, WAREHOUSE, PERIOD and REGION
(from VOCMAP_BIN, VOCMAP_WAREHOUSE, VOCMAP_PERIOD, VOCMAP_REGION; None means
"the default below") and then calls ``connect``:

    import vocmap_nb as nb
    vm = nb.connect(BIN, WAREHOUSE)
    PERIOD, REGION = vm.period(PERIOD), vm.region(REGION)

Defaults: BIN is the repository's bin/vocmap when it exists (``make build``,
``make demo``), else ``vocmap`` on PATH; WAREHOUSE is vocmap-demo/vocmap.duckdb
under the repository; PERIOD is the latest period with a succeeded baseline
run; REGION is the warehouse's province. Nothing here knows a province.

Only pandas and matplotlib are needed (Debian: python3-pandas,
python3-matplotlib; fonts-noto-cjk for the Chinese labels).
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager

# Code columns stay strings: "140100" and "0101" must not become numbers.
CODES = {c: str for c in ["region_code", "city_code", "school_code", "program_code", "industry_code",
                          "parent_code", "category_code", "series_id", "market_region"]}

# Signal colours used by every chart; "none" is a row the run did not flag.
SIGNAL_COLORS = {"red": "#d62728", "yellow": "#f2b701", "green": "#2ca02c", "none": "#9e9e9e"}
SIGNAL_ORDER = ["red", "yellow", "green", "none"]

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei"]


def repo_root(start=None):
    """The repository root (the folder with go.mod) above start, or None."""
    start = Path(start or Path.cwd()).resolve()
    for d in [start, *start.parents]:
        if (d / "go.mod").exists():
            return d
    return None


def setup_plots():
    """Chinese-capable fonts for matplotlib; raise if none is installed, since
    every Chinese label would otherwise be drawn as a box."""
    have = {f.name for f in font_manager.fontManager.ttflist}
    found = [f for f in CJK_FONTS if f in have]
    if not found:
        raise RuntimeError("no CJK font for matplotlib (tried " + ", ".join(CJK_FONTS) +
                           "): install fonts-noto-cjk, then remove matplotlib's font cache (~/.cache/matplotlib)")
    plt.rcParams["font.sans-serif"] = found + ["DejaVu Sans"]
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["figure.dpi"] = 100
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", 60)
    return found[0]


def read_csv(text):
    """vocmap's CSV (UTF-8, maybe with a BOM) as a DataFrame, codes as strings."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        return pd.DataFrame()
    return pd.read_csv(io.StringIO(text), dtype=CODES, keep_default_na=True)


def quote(s):
    """A SQL string literal."""
    return "'" + str(s).replace("'", "''") + "'"


def inlist(xs):
    """A SQL IN list of string literals."""
    return ", ".join(quote(x) for x in xs)


def find_bin(bin_=None):
    """The vocmap binary: bin_ if given, else the repository's bin/vocmap, else vocmap on PATH."""
    if bin_:
        p = shutil.which(str(bin_)) or (str(bin_) if Path(bin_).is_file() else None)
        if not p:
            raise FileNotFoundError(f"VOCMAP_BIN={bin_}: no such program")
        return p
    root = repo_root()
    if root and (root / "bin" / "vocmap").is_file():
        return str(root / "bin" / "vocmap")
    p = shutil.which("vocmap")
    if not p:
        raise FileNotFoundError("vocmap not found: set VOCMAP_BIN, run `make build` in the repository, "
                                "or put vocmap on PATH")
    return p


def find_warehouse(warehouse=None):
    """The warehouse: warehouse if given, else vocmap-demo/vocmap.duckdb under the repository."""
    if warehouse:
        p = Path(warehouse)
    else:
        root = repo_root() or Path.cwd()
        p = root / "vocmap-demo" / "vocmap.duckdb"
    if not p.is_file():
        raise FileNotFoundError(f"warehouse {p} not found: set VOCMAP_WAREHOUSE or run `make demo`")
    return str(p)


class Vocmap:
    """One warehouse read through one vocmap binary."""

    def __init__(self, bin_, warehouse):
        self.bin = bin_
        self.warehouse = warehouse
        self._regions = None

    def __call__(self, *args):
        """Run vocmap on the warehouse; return its stdout, raise with its stderr on failure."""
        r = subprocess.run([self.bin, "--warehouse", self.warehouse, "--quiet", *map(str, args)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"vocmap {' '.join(map(str, args))} failed (exit {r.returncode}):\n{r.stderr}")
        return r.stdout

    def csv(self, *args):
        """A vocmap command's CSV output (the command must write CSV to stdout)."""
        return read_csv(self(*args))

    def sql(self, query):
        """A read-only query (vocmap sql --format csv) as a DataFrame."""
        return self.csv("sql", "--format", "csv", query)

    # --- regions -------------------------------------------------------
    def regions(self):
        """regions with their city (a county's parent city, a city itself) and level."""
        if self._regions is None:
            r = self.sql("SELECT region_code, name, level, parent_code FROM regions")
            r = r.set_index("region_code")
            self._regions = r
        return self._regions

    def name(self, code):
        """A region's name, or the code itself when the warehouse lacks it."""
        r = self.regions()
        return r.name.get(code, code) if isinstance(code, str) else code

    def names(self, codes):
        """Region names of a Series of codes (the code where unknown)."""
        r = self.regions().name
        return codes.map(r).fillna(codes)

    def province(self):
        p = self.regions().query("level == 'province'")
        if len(p) != 1:
            raise RuntimeError(f"the warehouse has {len(p)} province regions; set REGION / VOCMAP_REGION")
        return p.index[0]

    def cities(self, region=None):
        """City codes of a region (the province's cities, or the city itself)."""
        r = self.regions()
        region = region or self.province()
        if r.level.get(region) == "city":
            return [region]
        return sorted(r[(r.level == "city") & (r.parent_code == region)].index)

    def region(self, region=None):
        """The region to study: region if given (checked), else the province."""
        if not region:
            return self.province()
        if region not in self.regions().index:
            raise ValueError(f"REGION={region}: not in the warehouse's regions")
        if self.regions().level[region] not in ("province", "city"):
            raise ValueError(f"REGION={region}: a province or a city code, not a {self.regions().level[region]}")
        return region

    # --- runs ----------------------------------------------------------
    def periods(self):
        """Periods with a succeeded baseline run, newest first."""
        return list(self.sql("""SELECT DISTINCT period FROM meta.runs
                                WHERE status = 'succeeded' AND coalesce(scenario, '') = ''
                                ORDER BY period DESC""").period)

    def period(self, period=None):
        """The period to study: period if given, else the latest with a succeeded baseline run."""
        ps = self.periods()
        if period:
            return period
        if not ps:
            raise RuntimeError("no succeeded baseline run in the warehouse: run `vocmap run --period P` first")
        return ps[0]

    def baseline_run(self, period):
        """The period's latest succeeded baseline run id, or None."""
        r = self.sql(f"""SELECT run_id FROM meta.runs
                         WHERE period = {quote(period)} AND status = 'succeeded' AND coalesce(scenario, '') = ''
                         ORDER BY finished_at DESC LIMIT 1""")
        return r.run_id.iloc[0] if len(r) else None

    def run_options(self, run_id):
        """A run's options (meta.runs.options, JSON) as a dict ({} if none)."""
        r = self.sql(f"SELECT options FROM meta.runs WHERE run_id = {quote(run_id)}")
        if not len(r) or pd.isna(r.options.iloc[0]):
            return {}
        return json.loads(r.options.iloc[0])

    def columns(self, schema, table):
        """The column names of a table (to degrade gracefully on an older warehouse)."""
        return set(self.sql(f"""SELECT column_name FROM information_schema.columns
                                WHERE table_schema = {quote(schema)} AND table_name = {quote(table)}""").column_name)

    def warnings(self, period, region=None):
        """The contract's warning list of a period (vocmap export warnings), read by column name;
        v1.2 columns an older run lacks (market, probability_oversupplied) are added empty."""
        args = ["export", "warnings", "--period", period, "--format", "csv", "--out", "-"]
        if region and self.regions().level.get(region) == "city":
            args += ["--region", region]
        w = self.csv(*args)
        for c in ["market", "probability_oversupplied", "region_name", "school_name", "current_intake"]:
            if c not in w.columns:
                w[c] = pd.NA
        return w

    def describe(self):
        print(f"vocmap: {self.bin}\nwarehouse: {self.warehouse}")


def connect(bin_=None, warehouse=None):
    """Set up plots and return a Vocmap for the binary and warehouse (defaults above)."""
    font = setup_plots()
    vm = Vocmap(find_bin(bin_), find_warehouse(warehouse))
    print(f"vocmap: {vm.bin} | warehouse: {vm.warehouse} | font: {font}")
    return vm


def fmt_pct(x, digits=1):
    """0.123 -> '12.3%'; missing -> '—'."""
    return "—" if pd.isna(x) else f"{x * 100:.{digits}f}%"


def fmt_num(x, digits=0):
    """1234.5 -> '1,235'; missing -> '—'."""
    return "—" if pd.isna(x) else f"{x:,.{digits}f}"


def fmt_ratio(x):
    """A supply–demand ratio with two decimals; missing -> '—'."""
    return "—" if pd.isna(x) else f"{x:.2f}"


def signal_of(s):
    """The signal column with empty cells as 'none' (an unflagged row, not a missing one)."""
    return s.fillna("none").replace("", "none")


def city_of(vm, codes):
    """The city of each region code (a county's parent city; a city itself; a province stays)."""
    r = vm.regions()
    lvl = codes.map(r.level)
    parent = codes.map(r.parent_code)
    return codes.where(lvl != "county", parent)


def in_region(vm, codes, region):
    """Whether each region code lies in region (the province: all; a city: the city and its counties)."""
    if vm.regions().level.get(region) == "province":
        return pd.Series(True, index=codes.index)
    return city_of(vm, codes) == region


def config_value(vm, key):
    """A setting as the binary reads it (vocmap config show), as a string, or None."""
    c = vm.csv("config", "show", "--format", "csv")
    c.columns = [str(x).strip() for x in c.columns]
    key_col, val_col = c.columns[0], c.columns[1]
    hit = c[c[key_col] == key]
    return None if hit.empty else str(hit[val_col].iloc[0])


def place(vm, df):
    """Where each row is: the school's name on a school row, else the region's name."""
    names = vm.names(df.region_code)
    if "school_code" not in df.columns or df.school_code.isna().all():
        return names
    sn = vm.sql("SELECT school_code, name FROM schools").set_index("school_code")["name"]
    return names.where(df.school_code.isna(), df.school_code.map(sn).fillna(df.school_code))
