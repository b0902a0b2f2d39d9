#!/usr/bin/env bash
# The ingest benchmark (docs/benchmarks.md): `vocmap ingest` of the
# national synthetic dataset against DuckDB's own read_csv of the same
# files into the same tables (bench/ingestbase), measured in the same run,
# alternating, REPS times each. Prints wall time and peak RSS of each run
# and the median ratio.
# Usage: scripts/bench-ingest.sh BIN DIR [REPS]
set -euo pipefail
bin=${1:-bin/vocmap}
dir=${2:-/tmp/vocmap-bench}
reps=${3:-3}
mkdir -p "$dir"
data="$dir/national"
if [ ! -f "$data/enrollments.csv" ]; then
  "$bin" --quiet datasets generate --scale national --seed 1 --out "$data"
fi
go build -tags duckdb_arrow -o "$dir/ingestbase" ./bench/ingestbase
echo "dataset: $(du -sh "$data" | cut -f1), $(wc -l < "$data/enrollments.csv") enrollment lines; machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
measure() { # label, command...
  local label=$1; shift
  rm -f "$dir/w.duckdb" "$dir/w.duckdb.wal"
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" > /dev/null
  read -r secs kb < "$dir/time.txt"
  printf '%-10s %8.2f s %8.0f MiB\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
  echo "$label $secs $kb" >> "$dir/results.txt"
}
rm -f "$dir/results.txt"
for i in $(seq "$reps"); do
  measure vocmap "$bin" --quiet --warehouse "$dir/w.duckdb" ingest --data "$data"
  measure duckdb "$dir/ingestbase" -data "$data" -warehouse "$dir/w.duckdb"
done
median() { grep "^$1 " "$dir/results.txt" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
peak() { grep "^$1 " "$dir/results.txt" | awk 'BEGIN {m=0} {if ($3>m) m=$3} END {printf "%.0f", m/1024}'; }
v=$(median vocmap); d=$(median duckdb)
printf 'median: vocmap %.2f s, duckdb read_csv %.2f s, ratio %.2f; peak RSS vocmap %s MiB, duckdb %s MiB\n' \
  "$v" "$d" "$(echo "$v / $d" | bc -l)" "$(peak vocmap)" "$(peak duckdb)"
