#!/usr/bin/env bash
# Runs every test of Portal: unit, integration (real Kestrel, SQLite and PostgreSQL), bUnit and end-to-end
# (Playwright in Debian's Chromium). Installs what a fresh Debian machine lacks, starts a throwaway
# PostgreSQL server for the run, and ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

# --- what a fresh machine lacks -------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- a throwaway PostgreSQL server on loopback ----------------------------------------------------
if [ -z "${PORTAL_TEST_POSTGRES:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pg_data=$(mktemp -d /tmp/portal-pg.XXXXXX)
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$pg_data"
  log "starting PostgreSQL on 127.0.0.1:$pg_port"
  as_pg "$pg_bin/initdb" -D "$pg_data" -U portal --auth=trust -E UTF8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
    -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  trap 'as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_data"' EXIT
  export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=portal;Database=postgres"
fi

# --- build and test -------------------------------------------------------------------------------
log "building"
dotnet build Portal.sln -nologo -v quiet

# The end-to-end tests run after the others: under the CPU load of the integration tests (two cores here) a browser
# waiting on a starved circuit hits its timeouts, which says nothing about the portal.
log "testing"
results=$(mktemp)
status=0
run_tests() {
  set +e
  dotnet test "$@" --no-build -nologo 2>&1 | tee -a "$results"
  local code=${PIPESTATUS[0]}
  set -e
  [ "$code" -eq 0 ] || status=$code
}
run_tests Portal.sln --filter "FullyQualifiedName!~Portal.E2E"
log "end-to-end testing"
run_tests e2e/Portal.E2E

# One closing line over all test assemblies ("Passed!  - Failed: 0, Passed: 25, Skipped: 0, ...").
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! ' "$results" | awk -F'[:,]' '
  { failed += $2; passed += $4; skipped += $6 } END { print passed + 0, failed + 0, skipped + 0 }')
rm -f "$results"
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
