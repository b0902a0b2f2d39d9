#!/usr/bin/env bash
# The demo benchmark (docs/benchmarks.md): `vocmap demo` end to end, REPS
# times, wall time and peak RSS of each run.
# Usage: scripts/bench-demo.sh BIN [REPS]
set -euo pipefail
bin=${1:-bin/vocmap}
reps=${2:-5}
out=$(mktemp -d)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
for i in $(seq "$reps"); do
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin" --quiet demo --out "$out/demo" > /dev/null
  read -r secs kb < "$out/time.txt"
  printf 'run %d: %.2f s, %.0f MiB\n' "$i" "$secs" "$(echo "$kb / 1024" | bc -l)"
  echo "$secs" >> "$out/secs.txt"
done
sort -n "$out/secs.txt" | awk '{a[NR]=$1} END {printf "median %.2f s over %d runs\n", a[int((NR+1)/2)], NR}'
rm -rf "$out"
