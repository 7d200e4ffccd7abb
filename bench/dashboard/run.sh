#!/usr/bin/env bash
# Dashboard benchmark: 1,000,000 synthetic cases in a PostgreSQL database of its own, then every
# dashboard view timed through Django's test client. The load runs once; later runs only measure.
#   bash bench/dashboard/run.sh [--cases N] [--measure-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/bench_database.sh civicdesk_dash_bench
.venv/bin/python -m civicdesk.cli bench-dashboard "$@"
