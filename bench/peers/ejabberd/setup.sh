#!/usr/bin/env bash
# Install ejabberd (Debian 12 package, 23.01) and what the private benchmark
# instance needs, then make sure the package's own system instance is not
# running. Idempotent; run as root. Only Debian packages (and npm for the
# smoke test's `ws` dependency) are used.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ $(id -u) -ne 0 ]]; then
  echo "setup.sh: must run as root" >&2
  exit 1
fi

# ejabberd       - the server (pulls in erlang-base, erlang-odbc, p1_* libs)
# erlang-p1-sqlite3 - SQLite driver; only *Suggested* by ejabberd, so not
#                  pulled in automatically, but required for sql_type: sqlite
# sqlite3        - CLI used by start.sh to load the schema and users
# util-linux     - setpriv (drop to the ejabberd user without PAM, which
#                  would otherwise reset RLIMIT_NOFILE to 1024)
PKGS=(ejabberd erlang-p1-sqlite3 sqlite3 util-linux)
missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup.sh: installing ${missing[*]}"
  apt-get update -q
  # policy-rc.d may or may not prevent the postinst from starting the
  # service; we stop it below either way.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
else
  echo "setup.sh: packages already installed: ${PKGS[*]}"
fi

# node + npm for smoke.js (the image usually has them already).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
fi

# --- keep the system-wide instance out of the way -------------------------
# The package ships a systemd unit and a SysV script for a node named
# ejabberd@localhost listening on 5222/5223/5269/5280/5443/3478/1883 on all
# interfaces. We never use it: stop and disable it if it exists/runs.
if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
  systemctl disable --now ejabberd.service >/dev/null 2>&1 || true
else
  update-rc.d ejabberd disable >/dev/null 2>&1 || true
fi
# Whatever the init system: if the default node is registered, stop it.
# (Only ask epmd when it already runs: `ejabberdctl status` itself would
# start an epmd daemon listening on all interfaces.)
if pgrep -x epmd >/dev/null 2>&1 && epmd -names 2>/dev/null | grep -q '^name ejabberd at port'; then
  echo "setup.sh: stopping the system ejabberd instance (ejabberd@localhost)"
  ejabberdctl stop >/dev/null 2>&1 || true
  ejabberdctl stopped >/dev/null 2>&1 || true
fi

# --- smoke test dependency -------------------------------------------------
if [[ ! -d "$HERE/node_modules/ws" ]]; then
  (cd "$HERE" && npm install --no-audit --no-fund --loglevel=error)
fi

echo "setup.sh: ejabberd $(dpkg-query -W -f='${Version}' ejabberd), $(dpkg-query -W -f='${Version}' erlang-p1-sqlite3 | sed 's/^/p1_sqlite3 /'), sqlite $(sqlite3 --version | cut -d' ' -f1) ready"
