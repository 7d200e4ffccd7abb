#!/usr/bin/env bash
# Page benchmark (issue 18): synthetic cases in a PostgreSQL database of its own, then the working
# pages, public pages and APIs timed through Django's test client in-process. The load runs once;
# later runs only measure.
#   bash bench/pages/run.sh [--cases N] [--repeat R] [--measure-only] [--only LABEL]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/bench_database.sh civicdesk_pages_bench
# Anonymous rate limits would refuse the repeated public requests of one client address.
export CIVICDESK_RATE_TRACKING=0 CIVICDESK_RATE_TRACKING_MISS=0 CIVICDESK_RATE_OPEN311_READ=0
.venv/bin/python -m civicdesk.cli bench-pages "$@"
