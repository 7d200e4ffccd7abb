#!/usr/bin/env bash
# Page benchmark (issue 18): synthetic cases in a PostgreSQL database of its own, then the working
# pages, public pages and APIs timed through Django's test client in-process. The load runs once;
# later runs only measure.
#   bash bench/pages/run.sh [--cases N] [--repeat R] [--measure-only] [--only LABEL]
set -euo pipefail
cd "$(dirname "$0")/../.."
DB_URL="${CIVICDESK_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/civicdesk_pages_bench}"
DB_NAME="${DB_URL##*/}"
SERVER_URL="${DB_URL%/*}/postgres"
psql "$SERVER_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
  || psql "$SERVER_URL" -c "CREATE DATABASE $DB_NAME"
export CIVICDESK_DATABASE_URL="$DB_URL" CIVICDESK_DEMO=1
export CIVICDESK_DATA_DIR="${CIVICDESK_DATA_DIR:-$(mktemp -d)}"
# Anonymous rate limits would refuse the repeated public requests of one client address.
export CIVICDESK_RATE_TRACKING=0 CIVICDESK_RATE_TRACKING_MISS=0 CIVICDESK_RATE_OPEN311_READ=0
.venv/bin/python -m civicdesk.cli migrate -v0
.venv/bin/python -m civicdesk.cli bench-pages "$@"
