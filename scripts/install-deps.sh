#!/usr/bin/env bash
# Installs everything Kefu needs on Debian 12 (run as root): the C++ toolchain and libraries,
# Chromium for the browser tests, and the web front end's npm packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format clang-tidy
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libsodium-dev libssl-dev libspdlog-dev libfmt-dev
  libtomlplusplus-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  libicu-dev libopencc-dev python3-jieba libjemalloc-dev
  chromium
)
# Node.js and npm: Debian's packages unless the machine already has them (a nodesource build
# bundles npm and conflicts with Debian's npm package).
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = "install ok installed" ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "kefu: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Playwright drives Debian's /usr/bin/chromium: it must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
for dir in web tests/e2e; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "kefu: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
