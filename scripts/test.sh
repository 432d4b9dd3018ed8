#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what is missing (Debian chromium and
# redis-server, npm packages from the committed lockfiles), builds the SDK, type-checks the test
# code, runs the unit and package tests, starts the real servers, runs the end-to-end tests in Node
# and in Chromium, runs the load tests (200 clients in one presence channel, 50 clients x 100
# channels, a soak of SOAK_SECONDS, default 120), stops exactly the servers it started, runs the
# playground's browser test on each driver (it starts and stops `npm start` itself), and ends with
# the line "N passed, M failed" (", K skipped" after it when there are any): M > 0 exactly when the
# exit status is non-zero, whatever failed (scripts/summarize.mjs counts every step below).
#
#   npm test                 everything
#   npm test -- --unit-only  build + type check + unit/package tests (no servers, no browser)
#   npm test -- --e2e-only   build + end-to-end, load and playground tests
#
# The E2E_*_PORT variables (test/e2e/servers/config.mjs) move the servers and the tests to other ports.
set -uo pipefail
cd "$(dirname "$0")/.."

mode=all
for arg in "$@"; do
  case "$arg" in
    --unit-only) mode=unit ;;
    --e2e-only) mode=e2e ;;
    *) echo "unknown option: $arg (use --unit-only or --e2e-only)" >&2; echo "0 passed, 1 failed"; exit 2 ;;
  esac
done

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
results=.tmp/results
rm -rf "$results"
mkdir -p "$results"
servers_up=0

step() { printf '\n== %s\n' "$*"; }
# One line per finished step for the summary: kind, name, exit status, note (see scripts/summarize.mjs).
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$results/steps.tsv"; }
# suite NAME COMMAND...: a test runner whose JSON report the command writes to $results/NAME.json.
suite() { local name=$1; shift; "$@"; record report "$name" $?; }
# check NAME COMMAND...: a step that passes or fails as a whole (one test in the counts).
check() { local name=$1; shift; "$@"; record check "$name" $?; }
stop_servers() {
  [ "$servers_up" = 1 ] || return 0
  servers_up=0
  node scripts/servers.mjs stop || record setup "stopping the servers" $? "a server may still be running (node scripts/servers.mjs status)"
}
summary() {
  trap - EXIT INT TERM
  stop_servers
  step "summary"
  node scripts/summarize.mjs "$results"
  exit $?
}
# setup failed: the remaining steps cannot run; the summary counts it as a failure.
fail_setup() {
  local status=$?
  echo "test setup failed: $*" >&2
  record setup "$*" "$status" "the steps after it did not run"
  summary
}
trap 'record setup "interrupted (SIGINT)" 130 "the steps after it did not run"; summary' INT
trap 'record setup "terminated (SIGTERM)" 143 "the steps after it did not run"; summary' TERM
trap 'stop_servers' EXIT

step "system packages and npm dependencies"
node scripts/check-node.mjs || fail_setup "this Node does not satisfy package.json engines.node"
if [ "$mode" != unit ]; then
  bash scripts/ensure-system.sh || fail_setup "installing chromium / redis-server / the e2e servers"
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || fail_setup "npm ci"
fi

step "build"
npx rollup -c rollup.config.mjs --silent || fail_setup "rollup build"

if [ "$mode" != e2e ]; then
  step "type check of the test code (tsc --noEmit on every tsconfig under test/ and playground/test)"
  check typecheck-tests node scripts/typecheck-tests.mjs
  step "unit and package tests (vitest)"
  suite vitest-unit npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest-unit.json"
fi

if [ "$mode" != unit ]; then
  step "end-to-end tests against real servers"
  servers_up=1
  node scripts/servers.mjs start || fail_setup "starting the servers"
  suite vitest-e2e npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile="$results/vitest-e2e.json"
  suite playwright npx playwright test
  step "end-to-end tests again on the SDK's built-in Pusher client (E2E_PUSHER_CLIENT=native; the Pusher-protocol setups only)"
  # The same suites with no pusher-js handed to Echo; the Socket.IO setups ran above. The encrypted
  # specs that use pusher-js's encryption build are left to the first pass (the built-in client's
  # encrypted channels have their own specs).
  E2E_PUSHER_CLIENT=native suite vitest-e2e-native npx vitest run --config vitest.e2e.config.ts \
    --testNamePattern '^(?!.*(laravel-echo-server|sio4|Socket\.IO|socket\.io)).*$' \
    --reporter=default --reporter=json --outputFile="$results/vitest-e2e-native.json"
  E2E_PUSHER_CLIENT=native E2E_PLAYWRIGHT_REPORT="$results/playwright-native.json" suite playwright-native \
    npx playwright test --grep-invert 'laravel-echo-server|sio4|socket\.io|encryptedPrivate\(\) decrypts|encrypted channel reports payloads'
  step "load tests against real servers (soak: ${SOAK_SECONDS:-120} s)"
  SOAK_SECONDS="${SOAK_SECONDS:-120}" suite vitest-load npx vitest run --config vitest.load.config.ts --reporter=default --reporter=json --outputFile="$results/vitest-load.json"
  stop_servers

  step "playground: npm start, then two people in Chromium (soketi, the sio4 cluster, laravel-echo-server)"
  suite playground npx playwright test -c playwright.playground.config.ts
  PLAYGROUND_DRIVER=sio4 suite playground-sio4 npx playwright test -c playwright.playground.config.ts
  PLAYGROUND_DRIVER=laravel-echo-server suite playground-laravel-echo-server npx playwright test -c playwright.playground.config.ts
fi

summary
