#!/usr/bin/env bash
# Runs the training package's tests with the given Python (Debian's python3-torch).
# Without PyTorch the tests are skipped with a message, except under CI, where that is an error.
set -u
python=${1:-/usr/bin/python3}
cd "$(dirname "$0")"
if ! "$python" -c 'import torch, numpy, pytest' 2>/dev/null; then
  msg="$python lacks torch, numpy or pytest (apt-get install python3-torch python3-pytest)"
  if [ "${CI:-}" = "true" ]; then echo "ERROR: $msg" >&2; exit 1; fi
  echo "SKIPPED training tests: $msg"; exit 0
fi
exec "$python" -m pytest -q -p no:cacheprovider tests
