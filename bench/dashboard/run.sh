#!/usr/bin/env bash
# Dashboard benchmark: 1,000,000 synthetic cases in a PostgreSQL database of its own, then every
# dashboard view timed through Django's test client. The load runs once; later runs only measure.
#   bash bench/dashboard/run.sh [--cases N] [--measure-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
DB_URL="${CIVICDESK_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/civicdesk_dash_bench}"
DB_NAME="${DB_URL##*/}"
SERVER_URL="${DB_URL%/*}/postgres"
psql "$SERVER_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
  || psql "$SERVER_URL" -c "CREATE DATABASE $DB_NAME"
export CIVICDESK_DATABASE_URL="$DB_URL" CIVICDESK_DEMO=1
export CIVICDESK_DATA_DIR="${CIVICDESK_DATA_DIR:-$(mktemp -d)}"
.venv/bin/civicdesk migrate -v0
.venv/bin/civicdesk bench-dashboard "$@"
