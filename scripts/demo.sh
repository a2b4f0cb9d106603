#!/usr/bin/env bash
# Sets up .venv and codes the bundled sample reports into demo-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh
.venv/bin/strife extract samples/ --out demo-out
.venv/bin/strife report --db demo-out/strife.duckdb --out demo-out/report.html
echo "events: demo-out/events.csv (ACLED columns), demo-out/events.jsonl; tallies: demo-out/tallies.jsonl; report: demo-out/report.html"
