#!/usr/bin/env bash
# The full-run benchmark (target: `vocmap run` on the national synthetic
# dataset in ≤ 3 minutes and ≤ 6 GiB peak RSS on 2 cores): `vocmap run
# --data` (ingest included) of the province and the national synthetic
# datasets (seed 1), each on a fresh warehouse, under /usr/bin/time -v.
# Prints wall time, CPU time and peak RSS of each run, its stage-time line,
# the dataset's rows and the sizes of the results.* tables, then each
# stage's growth from province to national next to the growth of the input.
# Usage: [WORK=DIR] [PERIOD=YYYY-MM] scripts/bench-run.sh [BIN]
# WORK keeps the datasets (generated only when missing) and the last runs'
# warehouses, outputs and logs; without it a temporary folder is used and
# removed at the end.
set -euo pipefail
bin=${1:-bin/vocmap}
period=${PERIOD:-2025-12}
if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
make -s build BIN="$bin"
echo "$("$bin" version)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg); work: $work"

scales=(province national)
for s in "${scales[@]}"; do
  if [ ! -f "$work/$s/enrollments.csv" ]; then
    "$bin" --quiet datasets generate --scale "$s" --seed 1 --out "$work/$s"
  fi
done

q() { "$bin" --quiet --warehouse "$1" sql --format csv "$2" | tail -n +2; } # warehouse, query: csv rows without header

# busy: CPU seconds the whole machine has spent busy since boot (to tell
# how much other processes took during a run: their load skews the times)
hz=$(getconf CLK_TCK)
busy() { awk -v hz="$hz" '/^cpu / {printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat; }

# value FILE LABEL: the value of one line of /usr/bin/time -v's report
value() { grep -F "$2" "$1" | sed 's/.*: //'; }

failed=0
for s in "${scales[@]}"; do
  r="$work/run-$s"
  rm -rf "$r"
  mkdir -p "$r"
  ok=1
  echo
  echo "== $s: $bin --lang en --warehouse $r/w.duckdb run --period $period --data $work/$s --out $r/out"
  b0=$(busy)
  if ! /usr/bin/time -v -o "$r/time.txt" "$bin" --lang en --warehouse "$r/w.duckdb" \
    run --period "$period" --data "$work/$s" --out "$r/out" > "$r/stdout" 2> "$r/stderr"; then
    echo "$s: run failed ($(grep -E 'non-zero status|terminated by signal' "$r/time.txt" || echo "see $r/stderr")); last lines of stderr:"
    tail -n 20 "$r/stderr"
    failed=1
    ok=0
  fi
  b1=$(busy)
  wall=$(value "$r/time.txt" "Elapsed (wall clock)" | awk -F: '{s=0; for (i=1; i<=NF; i++) s=s*60+$i; printf "%.2f", s}')
  kb=$(value "$r/time.txt" "Maximum resident set size")
  user=$(value "$r/time.txt" "User time")
  sys=$(value "$r/time.txt" "System time")
  printf 'wall %.2f s, cpu %.2f s user + %.2f s sys (%s), peak RSS %.0f MiB; other processes used %.1f cpu-s meanwhile\n' \
    "$wall" "$user" "$sys" "$(value "$r/time.txt" "Percent of CPU")" "$(echo "$kb / 1024" | bc -l)" \
    "$(echo "o = $b1 - $b0 - $user - $sys; if (o < 0) o = 0; o" | bc -l)"
  grep -E '^run |^warning list' "$r/stdout" || true
  stages=$(grep '^  time: ' "$r/stdout" | sed 's/^  time: //' || true)
  echo "stages: $stages"
  echo "$s wall $wall" > "$r/summary.txt"
  echo "$s rss $kb" >> "$r/summary.txt"
  tr ',' '\n' <<< "$stages" | awk -v s="$s" 'NF == 2 {sub(/s$/, "", $2); print s, "stage:" $1, $2}' >> "$r/summary.txt"
  [ "$ok" = 1 ] || continue
  snap="SELECT snapshot_id FROM meta.current_snapshot"
  q "$r/w.duckdb" "SELECT table_name, rows FROM meta.snapshot_files WHERE snapshot_id = ($snap) ORDER BY rows DESC" > "$r/inputs.csv"
  tables=$(q "$r/w.duckdb" "SELECT table_name FROM information_schema.tables WHERE table_schema = 'results' AND table_type = 'BASE TABLE' ORDER BY 1")
  union=$(for t in $tables; do printf "SELECT 'results.%s' AS t, count(*) AS n FROM results.%s UNION ALL " "$t" "$t"; done)
  q "$r/w.duckdb" "${union% UNION ALL } ORDER BY n DESC" > "$r/outputs.csv"
  for kind in input output; do
    [ "$kind" = input ] && echo "dataset rows (meta.snapshot_files):" || echo "results tables (rows):"
    awk -F, '{printf "  %-28s %10d\n", $1, $2; t += $2} END {printf "  %-28s %10d\n", "total", t}' "$r/${kind}s.csv"
    awk -F, -v s="$s" -v k="$kind" '{print s, k ":" $1, $2; t += $2} END {print s, k ":total", t}' "$r/${kind}s.csv" >> "$r/summary.txt"
  done
  echo "warehouse file: $(du -h "$r/w.duckdb" | cut -f1)"
done

p="$work/run-province/summary.txt" n="$work/run-national/summary.txt"
if [ -f "$p" ] && [ -f "$n" ]; then
  echo
  echo "growth province -> national (national / province):"
  awk '{k = $2; v[$1 "|" k] = $3; if (!(k in seen)) {seen[k] = 1; order[++m] = k}}
    END {
      printf "  %-30s %12s %12s %8s\n", "", "province", "national", "ratio"
      for (i = 1; i <= m; i++) {
        k = order[i]; a = v["province|" k]; b = v["national|" k]
        if (a == "" || b == "") continue
        name = k
        if (k == "rss") {a = a / 1024; b = b / 1024; name = "peak RSS (MiB)"}
        else if (k == "wall") name = "wall (s)"
        f = (k ~ /^(input|output):/) ? "%12d" : "%12.2f"
        printf "  %-30s " f " " f " %8s\n", name, a, b, (a > 0 ? sprintf("%.1fx", b / a) : "-")
      }
    }' "$p" "$n"
  read -r _ _ wall < <(grep '^national wall ' "$n")
  read -r _ _ kb < <(grep '^national rss ' "$n")
  verdict=$(awk -v w="$wall" -v k="$kb" -v f="$failed" 'BEGIN {print (f == 0 && w <= 180 && k <= 6 * 1024 * 1024) ? "met" : "NOT met"}')
  printf 'target (national ≤ 180 s, ≤ 6144 MiB peak RSS on 2 cores): %s (%.2f s, %.0f MiB, %s cores)\n' \
    "$verdict" "$wall" "$(echo "$kb / 1024" | bc -l)" "$(nproc)"
fi
exit "$failed"
