#!/usr/bin/env bash
# Quick start 1: install, build (release), and run `kefu serve` with the demo tenant.
# Usage: scripts/serve.sh [extra kefu serve flags, e.g. --listen 0.0.0.0:8080]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target kefu
(cd web && npm run build --silent)
exec ./build/release/kefu serve --demo --data ./data --web-root web/dist "$@"
