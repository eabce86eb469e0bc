#!/usr/bin/env bash
# Runs every Rota test project against real parts: SQLite files, a throwaway PostgreSQL server, loopback HTTP.
# Installs missing prerequisites (Debian 12, as root), builds once, runs each project, stops what it started,
# and ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
WORK=$(mktemp -d /tmp/rota-test.XXXXXX)
PG_STARTED=""

log() { printf '\033[1m[test.sh]\033[0m %s\n' "$*"; }

cleanup() {
  if [ -n "$PG_STARTED" ]; then
    log "stopping PostgreSQL"
    su postgres -s /bin/sh -c "'$PG_BIN/pg_ctl' -D '$WORK/pg' -m fast -w stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

need_apt=()
command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK is required (https://dotnet.microsoft.com/download); 'dotnet' is not on PATH" >&2; exit 2; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v python3 >/dev/null || need_apt+=(python3)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)   # SMTP server for alert e-mail tests
[ -x /usr/bin/promtool ] || need_apt+=(prometheus)   # promtool checks /metrics (Rota.Cli.Tests)
if [ -d tests/Rota.Dashboard.Tests ] && ! command -v chromium >/dev/null; then need_apt+=(chromium); fi
AXE_DIR=tests/Rota.Dashboard.Tests/.axe AXE_VERSION=4.10.3   # axe-core for the dashboard's accessibility checks (AxeTests.AxeVersion)
if [ -d tests/Rota.Dashboard.Tests ] && [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ] && ! command -v npm >/dev/null; then need_apt+=(npm); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "test.sh: missing ${need_apt[*]}; run: sudo apt-get update && sudo apt-get install -y ${need_apt[*]}" >&2; exit 2; fi
  log "installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null || { echo "test.sh: apt-get install ${need_apt[*]} failed" >&2; exit 2; }
fi

# A throwaway PostgreSQL on a free port, owned by the postgres user (used by the PostgreSQL store tests).
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/pg" && chown postgres "$WORK" "$WORK/pg" 2>/dev/null || true
if su postgres -s /bin/sh -c "'$PG_BIN/initdb' -D '$WORK/pg' -A trust -U postgres" >"$WORK/initdb.log" 2>&1 \
   && su postgres -s /bin/sh -c "'$PG_BIN/pg_ctl' -D '$WORK/pg' -o '-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1' -l '$WORK/pg.log' -w start" >/dev/null 2>&1; then
  PG_STARTED=1
  export ROTA_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  log "PostgreSQL on 127.0.0.1:$PG_PORT"
else
  log "PostgreSQL could not be started (see $WORK/initdb.log); tests that need it will fail with the fix"
fi

if [ -d tests/Rota.Dashboard.Tests ] && [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ]; then
  log "installing axe-core $AXE_VERSION into $AXE_DIR (test-only; nothing is vendored into Rota)"
  npm install --prefix "$AXE_DIR" "axe-core@$AXE_VERSION" --no-audit --no-fund >"$WORK/npm.log" 2>&1 \
    || { cat "$WORK/npm.log"; log "axe-core could not be installed; run: npm install --prefix $AXE_DIR axe-core@$AXE_VERSION (AxeTests fail until then)"; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "building"
if ! dotnet build Rota.slnx -c Release -nologo -clp:ErrorsOnly >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; skipped=0; broken=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  grep -q '<IsTestProject>true</IsTestProject>' "$proj" || continue
  log "running $name"
  trx="$WORK/$name.trx"
  timeout 1200 dotnet test "$proj" -c Release --no-build -nologo --blame-hang-timeout 5m \
      --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal" 2>&1 | grep -vE '^\s*$' | tail -40
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
    p=$(get passed); f=$(get failed); t=$(get total); e=$(get executed)
    p=${p:-0}; f=${f:-0}; t=${t:-0}; e=${e:-0}
    s=$(( t - e )); [ $s -lt 0 ] && s=0
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ "$f" = 0 ] && [ $((p + s)) -lt "$t" ]; then failed=$((failed + t - p - s)); fi
  else
    log "$name produced no results (crash or hang): counted as 1 failure"
    failed=$((failed + 1)); broken=1
  fi
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ "$broken" = 0 ]
