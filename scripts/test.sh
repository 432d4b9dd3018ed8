#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what is missing (Debian chromium and
# redis-server, npm packages from the committed lockfiles), builds the SDK, runs the unit and
# package tests, starts the real servers, runs the end-to-end tests in Node and in Chromium,
# runs the load tests (200 clients in one presence channel, 50 clients x 100 channels, a soak of
# SOAK_SECONDS, default 120), stops exactly the servers it started, runs the playground's browser
# test on each driver (it starts and stops `npm start` itself), and ends with the line "N passed, M failed".
#
#   npm test                 everything
#   npm test -- --unit-only  build + unit/package tests (no servers, no browser)
#   npm test -- --e2e-only   build + end-to-end tests
set -uo pipefail
cd "$(dirname "$0")/.."

mode=all
for arg in "$@"; do
  case "$arg" in
    --unit-only) mode=unit ;;
    --e2e-only) mode=e2e ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
results=.tmp/results
rm -rf "$results"
mkdir -p "$results"

step() { printf '\n== %s\n' "$*"; }
fail_setup() { echo "test setup failed: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

step "system packages and npm dependencies"
if [ "$mode" != unit ]; then
  bash scripts/ensure-system.sh || fail_setup "installing chromium / redis-server / the e2e servers"
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || fail_setup "npm ci"
fi

step "build"
npx rollup -c rollup.config.mjs --silent || fail_setup "rollup build"

status=0
if [ "$mode" != e2e ]; then
  step "unit and package tests (vitest)"
  npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest-unit.json" || status=1
fi

if [ "$mode" != unit ]; then
  step "end-to-end tests against real servers"
  node scripts/servers.mjs start || { node scripts/servers.mjs stop; fail_setup "starting the servers"; }
  trap 'node scripts/servers.mjs stop' EXIT
  npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile="$results/vitest-e2e.json" || status=1
  npx playwright test || status=1
  step "load tests against real servers (soak: ${SOAK_SECONDS:-120} s)"
  SOAK_SECONDS="${SOAK_SECONDS:-120}" npx vitest run --config vitest.load.config.ts --reporter=default --reporter=json --outputFile="$results/vitest-load.json" || status=1
  node scripts/servers.mjs stop
  trap - EXIT

  step "playground: npm start, then two people in Chromium (soketi, the sio4 cluster, laravel-echo-server)"
  npx playwright test -c playwright.playground.config.ts || status=1
  PLAYGROUND_DRIVER=sio4 npx playwright test -c playwright.playground.config.ts || status=1
  PLAYGROUND_DRIVER=laravel-echo-server npx playwright test -c playwright.playground.config.ts || status=1
fi

step "summary"
expected=()
[ "$mode" != e2e ] && expected+=(vitest-unit)
[ "$mode" != unit ] && expected+=(vitest-e2e playwright vitest-load playground playground-sio4 playground-laravel-echo-server)
node scripts/summarize.mjs "$results" "${expected[@]}" || status=1
exit $status
