#!/usr/bin/env bash
# Quick start 2 (and CI): install, build, and run every test — unit, integration and crash tests
# (sanitized build), a bounded fuzzing run, the web type check and build, and the browser tests.
# Ends with one summary line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS="${KEFU_FUZZ_SECONDS:-60}"
log_dir="build/test-logs"
mkdir -p "$log_dir"

passed=0
failed=0
failures=()
step() {  # step NAME COMMAND...: runs a step, records its outcome, keeps going
  local name="$1"
  shift
  echo
  echo "=== $name"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "=== $name: passed ($((SECONDS - started)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== $name: FAILED ($((SECONDS - started)) s)"
  fi
}

bash scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

build_dev() { cmake --preset dev >/dev/null && cmake --build --preset dev; }
unit_and_integration() { ctest --preset dev --timeout 600; }
fuzz() {
  cmake --preset fuzz >/dev/null && cmake --build --preset fuzz --target frame_parser_fuzz || return 1
  local corpus="build/fuzz/corpus-frame-parser"
  mkdir -p "$corpus" && cp -n tests/fuzz/corpus/frame_parser/* "$corpus"/
  ./build/fuzz/tests/fuzz/frame_parser_fuzz -max_total_time="$FUZZ_SECONDS" -max_len=4096 \
    -print_final_stats=1 "$corpus" 2>"$log_dir/fuzz.log"
  local status=$?
  tail -n 12 "$log_dir/fuzz.log"
  return $status
}
web_build() { (cd web && npm run typecheck --silent && npm run build --silent); }
browser() { (cd tests/e2e && KEFU_BIN="$PWD/../../build/dev/kefu" npm test --silent); }

step "build (dev preset: ASan + UBSan, -Werror)" build_dev
if [ "$failed" -eq 0 ]; then
  step "unit, integration and crash tests (ctest)" unit_and_integration
  step "web: type check and build" web_build
  step "browser tests (Playwright + Debian chromium)" browser
fi
step "fuzz the frame parser for ${FUZZ_SECONDS} s (libFuzzer)" fuzz

echo
echo "=== summary"
for name in "${failures[@]}"; do echo "failed: $name"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
