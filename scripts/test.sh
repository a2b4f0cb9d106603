#!/usr/bin/env bash
# Sets up .venv with the test extras and runs the whole test suite (slow tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh test
.venv/bin/python -m pytest "$@"
