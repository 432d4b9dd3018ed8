#!/usr/bin/env bash
# Installs what the e2e servers need, only when missing:
#  - Debian packages chromium, redis-server and fonts-wqy-microhei (apt-get update once, then install)
#  - test/e2e/servers/node_modules via `npm ci` (when missing or older than its package-lock.json)
# Usage: bash scripts/ensure-system.sh
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
# a Chinese font, so the playground's bilingual screenshots show 中文 instead of empty boxes
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need_apt+=(fonts-wqy-microhei)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "ensure-system: installing ${need_apt[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi

servers=test/e2e/servers
stamp="$servers/node_modules/.package-lock.json"   # written by npm on every install
if [ ! -f "$stamp" ] || [ "$servers/package-lock.json" -nt "$stamp" ]; then
  echo "ensure-system: npm ci in $servers"
  start=$(date +%s)
  npm ci --prefix "$servers" --no-audit --no-fund --loglevel=error
  echo "ensure-system: npm ci took $(( $(date +%s) - start )) s"
fi
echo "ensure-system: ok (chromium: $(command -v chromium), redis-server: $(command -v redis-server))"
