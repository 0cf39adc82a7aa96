#!/usr/bin/env bash
# Installs the Socket.IO benchmark peer's npm dependencies and makes sure the
# better-sqlite3 native module loads. Idempotent; meant to run as root on
# Debian 12 where only Debian's packages and the npm registry are reachable.
#
# Two facts of such a machine shape this script:
#  - npm 11 may skip install scripts ("not yet covered by allowScripts"), so
#    better-sqlite3's native build may never have run;
#  - its prebuild-install step cannot download prebuilt binaries (no GitHub),
#    so the module is compiled from source with node-gyp against the local
#    Node.js headers (/usr/include/node from the nodejs package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

log() { echo "socketio-peer setup: $*"; }

command -v node >/dev/null || { log "node is not installed"; exit 1; }
command -v npm >/dev/null || { log "npm is not installed"; exit 1; }

# Build tools for node-gyp, from Debian's packages when missing.
missing=()
command -v python3 >/dev/null || missing+=(python3)
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

sqlite_loads() {
  node -e "require('better-sqlite3')(':memory:').close()" >/dev/null 2>&1
}

# Skip the reinstall when the same lockfile was already installed for this
# Node.js and the native module loads.
stamp_file=node_modules/.kefu-setup-stamp
stamp="$(node -v) $( [ -f package-lock.json ] && sha256sum package-lock.json | cut -d' ' -f1 )"
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ] && sqlite_loads; then
  log "already set up"
  exit 0
fi

if [ -f package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
else
  log "npm install (no lockfile)"
  npm install --no-audit --no-fund
fi

if sqlite_loads; then
  log "better-sqlite3 loads"
else
  node_dir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [ ! -f "$node_dir/include/node/node.h" ]; then
    log "Node.js headers not found under $node_dir/include/node"
    exit 1
  fi
  log "building better-sqlite3 from source (nodedir=$node_dir)"
  (cd node_modules/better-sqlite3 && npx --yes node-gyp rebuild --release --nodedir="$node_dir")
  if ! sqlite_loads; then
    log "better-sqlite3 still does not load:"
    node -e "require('better-sqlite3')(':memory:')" || true
    exit 1
  fi
  log "better-sqlite3 built and loads"
fi

# Recompute: npm install may just have written the lockfile.
echo "$(node -v) $( [ -f package-lock.json ] && sha256sum package-lock.json | cut -d' ' -f1 )" >"$stamp_file"
log "done"
