#!/usr/bin/env bash
# Resilience tests of issue 14, larger than in `npm test`, on SQLite and on PostgreSQL:
#   crash    – the server killed with SIGKILL mid-rush and mid-mail-batch, restarted on the same data
#   backup   – `cli backup` / pg_dump during registrations, restore as in docs/operations.md
#   outage   – PostgreSQL (a cluster of the test's own, in a temp folder) stopped for 10 s during traffic
# Usage: scripts/resilience.sh            (PostgreSQL part on TEST_DATABASE_URL or the local server)
#        RESILIENCE_CAPACITY=300 RESILIENCE_CONNECTIONS=24 scripts/resilience.sh
# Needs: Node ≥ 22 with `npm ci` done; PostgreSQL server programs (initdb, pg_ctl: Debian
# package postgresql) and pg_dump/pg_restore; a PostgreSQL server to create test databases on.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_url=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
export RESILIENCE_CAPACITY=${RESILIENCE_CAPACITY:-150}
export RESILIENCE_CONNECTIONS=${RESILIENCE_CONNECTIONS:-16}

for tool in pg_dump pg_restore pg_isready; do
  command -v "$tool" >/dev/null || { echo "$tool fehlt: apt-get install -y postgresql-client" >&2; exit 1; }
done
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "initdb fehlt (für den Ausfalltest): apt-get install -y postgresql" >&2
  exit 1
fi
if ! pg_isready -q -d "$pg_url"; then
  echo "PostgreSQL unter $pg_url antwortet nicht (TEST_DATABASE_URL setzen)." >&2
  exit 1
fi

status=0
echo "== SQLite: Absturz, Sicherung und Wiederherstellung (${RESILIENCE_CAPACITY} Plätze, ${RESILIENCE_CONNECTIONS} Verbindungen)"
env -u TEST_DATABASE_URL npx vitest run --project unit tests/resilience || status=1
echo "== PostgreSQL: Absturz, pg_dump/pg_restore, Datenbankausfall"
TEST_DATABASE_URL=$pg_url npx vitest run --project unit tests/resilience || status=1
if [ "$status" -eq 0 ]; then echo "Resilienz: PASS"; else echo "Resilienz: FAIL"; fi
exit "$status"
