#!/usr/bin/env bash
# Check the notebooks as a reader would see them:
#  1. every committed notebook has no outputs and opens with a code cell
#     tagged `parameters`;
#  2. every notebook runs top to bottom on two warehouses:
#       demo   a copy of the demo warehouse (make demo: Shanxi, 2025-12),
#       synth  a synthetic province made here with `vocmap datasets generate`
#              (seed 3: 陕西 610000, its own cities, schools and programs),
#     each with a second, earlier period (2025-11, run with the bottom_10
#     preset so that 05's change list is not empty); the notebooks get the
#     warehouse through VOCMAP_BIN / VOCMAP_WAREHOUSE only, as an analyst
#     would point them at their own province;
#  3. no executed notebook has an error or a matplotlib "Glyph … missing
#     from font" warning (without fonts-noto-cjk every Chinese label is a box);
#  4. the executed notebooks are kept as HTML in the artifact folder
#     ($NOTEBOOKS_OUT, else $CI_ARTIFACTS/notebooks, else
#     vocmap-demo/notebooks-html): demo/NN-name.html and synth/NN-name.html.
# The committed notebooks and the demo warehouse are not changed (02 writes a
# scenario run into its copy).
#
# Debian's own /usr/bin/python3 runs them:
#   apt-get install python3-pandas python3-matplotlib python3-ipykernel \
#                   jupyter-nbconvert python3-nbclient fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3

BIN="${VOCMAP_BIN:-$root/bin/vocmap}"
DEMO="${VOCMAP_WAREHOUSE:-$root/vocmap-demo/vocmap.duckdb}"
OUT="${NOTEBOOKS_OUT:-${CI_ARTIFACTS:+$CI_ARTIFACTS/notebooks}}"
OUT="${OUT:-$root/vocmap-demo/notebooks-html}"
[ -x "$BIN" ] || { echo "notebooks: $BIN not found: run make build" >&2; exit 1; }
[ -f "$DEMO" ] || { echo "notebooks: $DEMO not found: run make demo" >&2; exit 1; }
for m in pandas matplotlib ipykernel nbconvert nbclient; do
  "$PY" -c "import $m" 2>/dev/null || { echo "notebooks: $PY cannot import $m (apt-get install python3-pandas python3-matplotlib python3-ipykernel jupyter-nbconvert python3-nbclient)" >&2; exit 1; }
done
# (no `fc-list | grep -q` under pipefail: grep's early exit fails the pipe with SIGPIPE)
fonts=$(fc-list : family 2>/dev/null || true)
case "$fonts" in *"Noto Sans CJK"*) ;; *) echo "notebooks: no Noto Sans CJK font (apt-get install fonts-noto-cjk): Chinese labels would be boxes" >&2; exit 1 ;; esac

echo "notebooks: committed notebooks carry no outputs and open with a parameters cell"
"$PY" - notebooks/[0-9][0-9]-*.ipynb <<'PY'
import json, sys
bad = []
for path in sys.argv[1:]:
    nb = json.load(open(path, encoding="utf-8"))
    codes = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count") is not None):
            bad.append(f"{path}: cell {i} has outputs (clear them: jupyter nbconvert --clear-output --inplace {path})")
    if not codes or "parameters" not in codes[0].get("metadata", {}).get("tags", []):
        bad.append(f"{path}: the first code cell is not tagged 'parameters'")
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
PY

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MPLCONFIGDIR="$tmp/mpl"
# The kernel "python3" must run /usr/bin/python3; if it resolves to another
# interpreter, put a kernelspec that does first on JUPYTER_PATH.
argv0=$("$PY" -c 'from jupyter_client.kernelspec import KernelSpecManager as K; print(K().get_kernel_spec("python3").argv[0])' 2>/dev/null || true)
if [ "$argv0" != "$PY" ]; then
  echo "notebooks: kernel python3 runs '${argv0:-?}', installing one for $PY in $tmp/jupyter"
  mkdir -p "$tmp/jupyter/kernels/python3"
  cat >"$tmp/jupyter/kernels/python3/kernel.json" <<JSON
{"argv": ["$PY", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (Debian)", "language": "python"}
JSON
  export JUPYTER_PATH="$tmp/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
fi

# The two warehouses, each with an earlier second period for 05.
echo "notebooks: preparing the demo copy and a synthetic province"
cp "$DEMO" "$tmp/demo.duckdb"
"$BIN" datasets generate --out "$tmp/synth-data" --scale province --seed 3 --factor 0.3 --quiet >/dev/null
"$BIN" --warehouse "$tmp/synth.duckdb" --quiet run --period 2025-12 --data "$tmp/synth-data" --out "$tmp/synth-out" >/dev/null
for w in demo synth; do
  VOCMAP_RULES_PRESET=bottom_10 "$BIN" --warehouse "$tmp/$w.duckdb" --quiet run --period 2025-11 --out "$tmp/$w-out" >/dev/null
done

rm -rf "$OUT"; mkdir -p "$OUT"
failed=0
for w in demo synth; do
  mkdir -p "$OUT/$w" "$tmp/exec-$w"
  for nb in notebooks/[0-9][0-9]-*.ipynb; do
    name=$(basename "$nb" .ipynb)
    start=$(date +%s)
    if ! VOCMAP_BIN="$BIN" VOCMAP_WAREHOUSE="$tmp/$w.duckdb" VOCMAP_PERIOD= VOCMAP_REGION= \
        "$PY" -m jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
        --ExecutePreprocessor.kernel_name=python3 --output-dir "$tmp/exec-$w" "$nb" >"$tmp/log" 2>&1; then
      echo "notebooks: FAIL $w $nb" >&2; tail -40 "$tmp/log" >&2; failed=1; continue
    fi
    "$PY" -m jupyter nbconvert --to html --output-dir "$OUT/$w" "$tmp/exec-$w/$name.ipynb" >/dev/null 2>&1 || true
    # What a reader would see: no missing glyph (a box instead of a character), no error output.
    if ! "$PY" - "$tmp/exec-$w/$name.ipynb" <<'PY'
import json, re, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
bad = []
for i, c in enumerate(nb["cells"]):
    for o in c.get("outputs", []):
        text = "".join(o.get("text", "")) if isinstance(o.get("text"), list) else o.get("text", "")
        text += "".join(o.get("data", {}).get("text/plain", ""))
        if o.get("output_type") == "error":
            bad.append(f"cell {i}: {o.get('ename')}: {o.get('evalue')}")
        for m in re.finditer(r"Glyph \d+ .{0,80}missing from (current )?font.*", text):
            bad.append(f"cell {i}: {m.group(0)}")
if bad:
    print("\n".join(bad[:20]), file=sys.stderr)
    sys.exit(1)
PY
    then
      echo "notebooks: FAIL $w $nb (missing glyphs or errors in its outputs)" >&2; failed=1; continue
    fi
    echo "notebooks: ok   $w $nb ($(( $(date +%s) - start ))s)"
  done
done
echo "notebooks: executed HTML in $OUT"
exit $failed
