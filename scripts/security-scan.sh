#!/usr/bin/env bash
# Attack tools from outside (issue 14): starts Bildungsnetz with demo data on loopback and
# runs sqlmap and wapiti (Debian packages) against it, each with a bounded time. Prints a
# summary and writes the tools' reports to $SCAN_OUT (default ./test-results/security-scan).
# The exit code is 1 when a tool reports a finding.
#
#   bash scripts/security-scan.sh                  # about 10–20 minutes on 2 cores
#   SCAN_MINUTES=5 bash scripts/security-scan.sh   # shorter bound per tool
#
# The app runs as in production (NODE_ENV=production, behind nginx with TLS, demo data,
# fresh DATA_DIR) with RATE_LIMIT=off: on loopback only, so that the scanners meet the app and not the rate
# limiter (with limits on, nearly every probe is a 429 and proves nothing).
# The tools get no network beyond loopback; wapiti's ssrf and xxe modules (which ask an
# outside server for their results) and the brute-force/nikto modules are left out.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${SCAN_OUT:-$ROOT/test-results/security-scan}"
MINUTES="${SCAN_MINUTES:-8}"
mkdir -p "$OUT"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v sqlmap >/dev/null || missing+=(sqlmap)
command -v wapiti >/dev/null || missing+=(wapiti)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v openssl >/dev/null || missing+=(openssl)
# wapiti asks for brotli-compressed pages but reads them only with python3-brotli; without
# it every page is unreadable and the crawl ends at the start page.
/usr/bin/python3 -c "import brotli" 2>/dev/null || missing+=(python3-brotli)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installiere ${missing[*]} (apt-get) …"
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null ||
    { echo "Konnte ${missing[*]} nicht installieren"; exit 2; }
fi

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
APP_PORT="$(free_port)"
PORT="${SCAN_PORT:-$(free_port)}"
# As in production: nginx with TLS in front (a self-signed certificate for 127.0.0.1), the
# app with NODE_ENV=production and TRUST_PROXY. Over plain HTTP the scanners would not send
# the Secure cookies back, every form post would fail its CSRF check before and after their
# change, and wapiti would report that as "CSRF token not checked".
BASE="https://127.0.0.1:$PORT"
DATA="$(mktemp -d)"
NGINX_DIR="$DATA/nginx"
mkdir -p "$NGINX_DIR"/{body,proxy,fastcgi,uwsgi,scgi}
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$NGINX_DIR/key.pem" -out "$NGINX_DIR/cert.pem" >/dev/null 2>&1
cat >"$NGINX_DIR/nginx.conf" <<NGINX
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
user root;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $NGINX_DIR/body; proxy_temp_path $NGINX_DIR/proxy;
  fastcgi_temp_path $NGINX_DIR/fastcgi; uwsgi_temp_path $NGINX_DIR/uwsgi; scgi_temp_path $NGINX_DIR/scgi;
  client_max_body_size 25m;
  server {
    listen 127.0.0.1:$PORT ssl;
    ssl_certificate $NGINX_DIR/cert.pem;
    ssl_certificate_key $NGINX_DIR/key.pem;
    location / {
      proxy_pass http://127.0.0.1:$APP_PORT;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
    }
  }
}
NGINX
echo "App mit Demo-Daten auf $BASE (nginx mit TLS vor 127.0.0.1:$APP_PORT, DATA_DIR $DATA)"
NODE_ENV=production SESSION_SECRET="security-scan-secret-security-scan-secret" DATA_DIR="$DATA" \
  SEED_DEMO=true RATE_LIMIT=off TRUST_PROXY=true HOST=127.0.0.1 PORT="$APP_PORT" BASE_URL="$BASE" LOG_LEVEL=error \
  node --import tsx src/server.ts >"$OUT/app.log" 2>&1 &
APP=$!
/usr/sbin/nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -g "daemon off;" >>"$OUT/app.log" 2>&1 &
NGINX_PID=$!
cleanup() { kill "$NGINX_PID" "$APP" 2>/dev/null; wait "$APP" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fsk "$BASE/readyz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsk "$BASE/readyz" >/dev/null || { echo "App startet nicht:"; cat "$OUT/app.log"; exit 2; }

# An editor's API token for the scans of routes behind a sign-in (the demo's editor).
TOKEN="$(DATABASE_URL="sqlite:$DATA/bildungsnetz.db" node --import tsx -e '
  import { openDatabase } from "./src/platform/db/database.js";
  import { createApiToken } from "./src/platform/auth/api-tokens.js";
  const db = await openDatabase(process.env.DATABASE_URL);
  const user = await db.kysely.selectFrom("users").select("id").where("email", "=", "redaktion@bildungsnetz.example").executeTakeFirstOrThrow();
  console.log((await createApiToken(db.kysely, user.id, "security-scan")).token);
  await db.close();' 2>>"$OUT/app.log")"
EVENT="$(curl -fsk "$BASE/api/v1/events" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);const l=j.items??j;console.log(l[0]?.id??"")})')"
POST="$(curl -fsk "$BASE/api/v1/posts" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);const l=j.items??j;console.log(l[0]?.id??"")})')"

# --- sqlmap: every query parameter of the public pages and the API, plus JSON bodies -----
cat >"$OUT/sqlmap-targets.txt" <<EOF
$BASE/akteure?q=Kita&bereich=fruehkindliche-bildung&gemeinde=Celle&seite=1
$BASE/angebote?q=Sprache&thema=sprache
$BASE/suche?q=Schule&typ=post
$BASE/austausch?art=angebot&thema=raeume&seite=1
$BASE/fachtage?jahr=2025
$BASE/zahlen?jahr=2025
$BASE/api/v1/search?q=Schule&type=organisation
$BASE/api/v1/posts?kind=offer&theme=raeume&q=Raum
$BASE/api/v1/organisations?q=Kita&area=early&municipality=Celle
$BASE/api/v1/figures?year=2025
$BASE/api/v1/events/$EVENT/registrations?status=confirmed
$BASE/api/v1/posts/$POST/matches
$BASE/api/v1/reports/summary?from=2025-01-01&to=2025-12-31
EOF
echo
echo "=== sqlmap (höchstens $MINUTES min) ==="
SQLMAP_LOG="$OUT/sqlmap"
rm -rf "$SQLMAP_LOG"
# --smart: every parameter gets sqlmap's heuristic probes (error, boolean, quote handling);
# the full technique list runs where a heuristic is positive, so all parameters fit the bound.
timeout "$((MINUTES * 60))" sqlmap -m "$OUT/sqlmap-targets.txt" --batch --smart --level=2 --risk=1 \
  --headers="Authorization: Bearer $TOKEN" --threads=2 --timeout=10 --retries=1 \
  --output-dir="$SQLMAP_LOG" --disable-coloring >"$OUT/sqlmap.log" 2>&1
SQLMAP_RC=$?
timeout "$((MINUTES * 30))" sqlmap -u "$BASE/api/v1/events/$EVENT/registrations" --method=POST \
  --data='{"firstName":"Erika*","lastName":"Muster*","email":"scan@example.org","organisation":"Kita*","consents":{"privacy":true}}' \
  --headers="Content-Type: application/json" --batch --smart --level=1 --risk=1 --timeout=10 --retries=1 \
  --output-dir="$SQLMAP_LOG" --disable-coloring >>"$OUT/sqlmap.log" 2>&1
timeout "$((MINUTES * 30))" sqlmap -u "$BASE/api/v1/posts" --method=POST \
  --data='{"kind":"idea","title":"Idee*","body":"Text*","status":"draft"}' \
  --headers="Content-Type: application/json
Authorization: Bearer $TOKEN" --batch --smart --level=1 --risk=1 --timeout=10 --retries=1 \
  --output-dir="$SQLMAP_LOG" --disable-coloring >>"$OUT/sqlmap.log" 2>&1
SQLMAP_TESTED=$(grep -c "testing URL" "$OUT/sqlmap.log" || true)
SQLMAP_INJECTABLE=$(grep -ciE "is vulnerable|parameter '.*' is '.*' injectable|sqlmap identified the following injection" "$OUT/sqlmap.log" || true)
SQLMAP_NOT=$(grep -ciE "not be injectable|does not seem to be injectable" "$OUT/sqlmap.log" || true)
[ "$SQLMAP_RC" -eq 124 ] && echo "(sqlmap: Zeitgrenze erreicht)"
echo "sqlmap: $SQLMAP_TESTED targets, $SQLMAP_NOT parameter tests found nothing injectable, $SQLMAP_INJECTABLE injectable"

# --- wapiti: crawl from the start page and attack what it finds ---------------------------
echo
echo "=== wapiti (höchstens $MINUTES min) ==="
timeout "$((MINUTES * 60 + 120))" wapiti -u "$BASE/" --scope folder --flush-session \
  -m "sql,blindsql,xss,permanentxss,exec,file,redirect,crlf,backup,htaccess,methods,http_headers,cookieflags,csp,csrf" \
  -d 3 --max-links-per-page 40 --max-files-per-dir 30 --max-scan-time "$((MINUTES * 60))" \
  --max-attack-time "$((MINUTES * 60 / 6))" -t 10 --verify-ssl 0 -f json -o "$OUT/wapiti.json" >"$OUT/wapiti.log" 2>&1
WAPITI_RC=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const lines = [];
  let serious = 0;
  for (const group of ["vulnerabilities", "anomalies", "additionals"]) {
    for (const [name, found] of Object.entries(r[group] ?? {})) {
      if (!found.length) continue;
      lines.push(`  ${group}: ${name}: ${found.length}`);
      for (const f of found.slice(0, 5)) lines.push(`    ${f.method} ${f.path} ${f.parameter ?? ""} – ${String(f.info).slice(0, 160)}`);
      // Accepted on purpose: the app sends "X-XSS-Protection: 0" (the default of helmet, the advice of OWASP:
      // browsers dropped the XSS auditor, which could itself be abused); the strict
      // Content-Security-Policy is the protection. wapiti 3.0.4 reads only "1" as set.
      const accepted = found.filter((f) => /X-XSS-Protection is not set/.test(String(f.info)));
      if (accepted.length) lines.push(`    (accepted: X-XSS-Protection is 0 on purpose, see docs/security.md)`);
      if (group === "vulnerabilities") serious += found.length - accepted.length;
    }
  }
  const log = require("fs").readFileSync(process.argv[2], "utf8");
  const crawled = /found (\d+) URLs and forms/.exec(log)?.[1] ?? "?";
  console.log(`wapiti: ${crawled} URLs and forms crawled, ${serious} vulnerabilities`);
  console.log(lines.join("\n") || "  nothing reported");
  process.exit(serious ? 1 : 0);
' "$OUT/wapiti.json" "$OUT/wapiti.log"
WAPITI_FOUND=$?
[ "$WAPITI_RC" -eq 124 ] && echo "(wapiti: Zeitgrenze erreicht)"

echo
if [ "$SQLMAP_INJECTABLE" -eq 0 ] && [ "$WAPITI_FOUND" -eq 0 ]; then
  echo "SECURITY SCAN: nothing found (reports in $OUT)"
  exit 0
fi
echo "SECURITY SCAN: FINDINGS (reports in $OUT)"
exit 1
