#!/usr/bin/env bash
# Creates (or reuses) the project's .venv and installs strife into it. Usage: scripts/setup-venv.sh [extra]
# pip's output is quiet: only errors and warnings that matter get through. The "WARNING: Location ... is
# ignored" lines that pip prints for every index location a machine's pip configuration names but cannot
# use say nothing about this install, so they are dropped; pip's exit status is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"

pip_quiet() {
  { .venv/bin/python -m pip "$@" 2>&1 1>&3 3>&- | { grep -v '^WARNING: Location .* is ignored' || true; } >&2; } 3>&1
}

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
pip_quiet install -q --disable-pip-version-check --upgrade pip >/dev/null
if [ -n "$extra" ]; then
  pip_quiet install -q --disable-pip-version-check -e ".[$extra]"
else
  pip_quiet install -q --disable-pip-version-check -e .
fi
