#!/usr/bin/env bash
# The XLSX memory benchmark (docs/benchmarks.md, "XLSX reading"): `vocmap
# validate` on workbooks made by datasets/internal/xlsxgen, one at a time,
# each in its own folder: the full 1,048,576-row job_postings sheet (and
# the same rows as CSV), 0.95 GB of whitespace between two rows and inside
# one cell (about 1 MB zipped), one 0.5 GB shared string. Prints the wall
# time, peak RSS (/usr/bin/time -v), exit code and the first line of the
# file's own findings. The workbooks are generated once and kept in DIR.
# Usage: scripts/bench-xlsx.sh BIN DIR [CASE...]
#   CASE: rows csv whitespace whitespace-cell sharedstring wide text text-sst
#   (default: all; wide, text and text-sst fill the reader's limits on
#   cells, text and shared strings)
set -euo pipefail
bin=${1:-bin/vocmap}
dir=${2:-/tmp/vocmap-bench/xlsx}
shift 2 || true
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(rows csv whitespace whitespace-cell sharedstring wide text text-sst)
mkdir -p "$dir"
go build -o "$dir/xlsxgen" ./datasets/internal/xlsxgen/cmd/xlsxgen
gen() { # case, folder, xlsxgen arguments...
  local c=$1 d=$2; shift 2
  if [ ! -f "$d/.done" ]; then
    rm -rf "$d"
    "$dir/xlsxgen" -out "$d" "$@"
    touch "$d/.done"
  fi
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; binary: $bin"
for c in "${cases[@]}"; do
  d="$dir/$c"
  case $c in
    rows) gen "$c" "$d" -case rows -n 1048575 ;;
    csv) gen "$c" "$d" -case rows -csv -n 1048575 ;;
    whitespace) gen "$c" "$d" -case whitespace -n 950000000 ;;
    whitespace-cell) gen "$c" "$d" -case whitespace-cell -n 950000000 ;;
    sharedstring) gen "$c" "$d" -case sharedstring -n 500000000 ;;
    wide) gen "$c" "$d" -case wide -n 1048575 -cols 12 ;;
    text) gen "$c" "$d" -case text -n 1048575 -size 30 -cols 12 ;;
    text-sst) gen "$c" "$d" -case text-sst -n 1048575 -size 60 -cols 12 ;;
    *) echo "unknown case $c" >&2; exit 2 ;;
  esac
  f=$(ls "$d"/job_postings.*)
  set +e
  /usr/bin/time -v -o "$dir/time-$c.txt" "$bin" --lang en validate --data "$d" > "$dir/out-$c.txt" 2>&1
  rc=$?
  set -e
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$dir/time-$c.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time-$c.txt")
  # the file's own findings (the dataset has no other table: the missing tables' errors are left out)
  # (the first MiB of the output: the old reader quoted a 0.5 GB cell in full)
  first=$(head -c 1048576 "$dir/out-$c.txt" | grep -aF "$(basename "$f")" | grep -v 'required table is missing' | head -1 | cut -c1-160 || true)
  rm -f "$dir/out-$c.txt"
  printf '%-16s %9s bytes  %8.2f s  %6.0f MiB  exit %d  %s\n' "$c" "$(stat -c %s "$f")" "$wall" "$(echo "$rss / 1024" | bc -l)" "$rc" "$first"
done
