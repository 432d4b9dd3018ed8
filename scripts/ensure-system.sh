#!/usr/bin/env bash
# Installs what the e2e servers need, only when missing:
#  - Debian packages chromium and redis-server (required: apt-get update once, then install; a
#    failure fails the run)
#  - the font fonts-wqy-microhei (optional: the playground's bilingual screenshots show 中文 instead of
#    empty boxes with it). Installed best-effort in an apt call of its own; when that fails, or when
#    apt-get cannot run here, a warning is printed and the run goes on
#  - test/e2e/servers/node_modules via `npm ci` (when missing or older than its package-lock.json)
# Nothing is installed, and apt-get is not called, when everything is there.
# Usage: bash scripts/ensure-system.sh
set -euo pipefail
cd "$(dirname "$0")/.."

warn() { echo "ensure-system: WARNING: $*" >&2; }
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    apt-get update -qq || return 1
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

required=()
[ -x /usr/bin/chromium ] || required+=(chromium)
command -v redis-server >/dev/null 2>&1 || required+=(redis-server)
if [ ${#required[@]} -gt 0 ]; then
  if ! can_apt; then
    echo "ensure-system: ${required[*]} missing; install as root: apt-get install ${required[*]}" >&2
    exit 1
  fi
  echo "ensure-system: installing ${required[*]} with apt-get"
  apt_install "${required[@]}"
fi

font=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
if [ ! -e "$font" ]; then
  if ! can_apt; then
    warn "fonts-wqy-microhei is missing and apt-get cannot run here (not root): Chinese text in the playground's screenshots shows as boxes"
  else
    echo "ensure-system: installing the optional font fonts-wqy-microhei with apt-get"
    apt_install fonts-wqy-microhei || warn "could not install fonts-wqy-microhei (optional; Chinese text in the playground's screenshots shows as boxes); going on without it"
  fi
fi

servers=test/e2e/servers
stamp="$servers/node_modules/.package-lock.json"   # written by npm on every install
if [ ! -f "$stamp" ] || [ "$servers/package-lock.json" -nt "$stamp" ]; then
  echo "ensure-system: npm ci in $servers"
  start=$(date +%s)
  npm ci --prefix "$servers" --no-audit --no-fund --loglevel=error
  echo "ensure-system: npm ci took $(( $(date +%s) - start )) s"
fi
echo "ensure-system: ok (chromium: $(command -v chromium || echo /usr/bin/chromium), redis-server: $(command -v redis-server))"
