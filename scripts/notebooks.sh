#!/usr/bin/env bash
# Execute every notebook in notebooks/ against the demo warehouse (make demo)
# and fail on any error. The notebooks need only pandas and matplotlib and run
# on Debian's own /usr/bin/python3 through python3-ipykernel:
#   apt-get install python3-pandas python3-matplotlib python3-ipykernel \
#                   jupyter-nbconvert python3-nbclient fonts-noto-cjk
# The executed copies go to a temp directory; the committed notebooks keep no outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3

export VOCMAP_BIN="${VOCMAP_BIN:-$root/bin/vocmap}"
export VOCMAP_WAREHOUSE="${VOCMAP_WAREHOUSE:-$root/vocmap-demo/vocmap.duckdb}"
[ -x "$VOCMAP_BIN" ] || { echo "notebooks: $VOCMAP_BIN not found: run make build" >&2; exit 1; }
[ -f "$VOCMAP_WAREHOUSE" ] || { echo "notebooks: $VOCMAP_WAREHOUSE not found: run make demo" >&2; exit 1; }
for m in pandas matplotlib ipykernel nbconvert nbclient; do
  "$PY" -c "import $m" 2>/dev/null || { echo "notebooks: $PY cannot import $m (apt-get install python3-pandas python3-matplotlib python3-ipykernel jupyter-nbconvert python3-nbclient)" >&2; exit 1; }
done

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

failed=0
for nb in notebooks/[0-9][0-9]-*.ipynb; do
  start=$(date +%s)
  if "$PY" -m jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
      --ExecutePreprocessor.kernel_name=python3 --output-dir "$(mktemp -d -p "$tmp")" "$nb" >"$tmp/log" 2>&1; then
    echo "notebooks: ok   $nb ($(( $(date +%s) - start ))s)"
  else
    echo "notebooks: FAIL $nb" >&2; cat "$tmp/log" >&2; failed=1
  fi
done
exit $failed
