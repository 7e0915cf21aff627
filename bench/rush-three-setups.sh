#!/usr/bin/env bash
# The registration rush on the three setups of issue 14, one after the other:
#   1. one instance on SQLite, 2. one instance on PostgreSQL,
#   3. two instances + nginx + Redis on PostgreSQL (bench/two-instances.ts).
# Each prints its figures and its overbooking / lost-registration checks; the exit code is
# non-zero when any check failed. Needs PostgreSQL (PG_ADMIN_URL, default the machine's
# 127.0.0.1:5432/test), Redis (REDIS_URL, default 127.0.0.1:6379) and nginx
# (`apt-get install -y nginx`) for the third.
#
#   bash bench/rush-three-setups.sh
set -uo pipefail
cd "$(dirname "$0")/.."
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
failed=0
echo "=== 1/3 SQLite, one instance ==="
env -u DATABASE_URL npx tsx bench/registration-rush.ts || failed=1
echo
echo "=== 2/3 PostgreSQL, one instance ==="
DATABASE_URL="$PG_ADMIN_URL" npx tsx bench/registration-rush.ts || failed=1
echo
echo "=== 3/3 PostgreSQL, two instances behind nginx, Redis ==="
PG_ADMIN_URL="$PG_ADMIN_URL" npx tsx bench/two-instances.ts || failed=1
exit "$failed"
