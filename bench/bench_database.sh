# Sourced by the benchmarks that keep a PostgreSQL database of their own (dashboard, pages):
#   . bench/bench_database.sh DEFAULT_NAME
# creates the database named by CIVICDESK_BENCH_DATABASE_URL (default: DEFAULT_NAME on the local
# server) when missing, exports the settings for the demo on it, and migrates it.
DB_URL="${CIVICDESK_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/$1}"
DB_NAME="${DB_URL##*/}"
SERVER_URL="${DB_URL%/*}/postgres"
psql "$SERVER_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
  || psql "$SERVER_URL" -c "CREATE DATABASE $DB_NAME"
export CIVICDESK_DATABASE_URL="$DB_URL" CIVICDESK_DEMO=1
export CIVICDESK_DATA_DIR="${CIVICDESK_DATA_DIR:-$(mktemp -d)}"
.venv/bin/python -m civicdesk.cli migrate -v0
