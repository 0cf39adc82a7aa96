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
# A step that runs a test suite writes "<passed> <failed>" to $counts; other steps count as one
# test each. The closing line adds them all up.
counts="$log_dir/counts"
step() {  # step NAME COMMAND...: runs a step, records its outcome, keeps going
  local name="$1"
  shift
  echo
  echo "=== $name"
  local started=$SECONDS status
  rm -f "$counts"
  "$@"
  status=$?
  local p=1 f=0
  [ "$status" -eq 0 ] || { p=0; f=1; }
  if [ -s "$counts" ]; then
    read -r p f <"$counts"
    [ "$status" -ne 0 ] && [ "$f" -eq 0 ] && f=1
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$status" -eq 0 ]; then
    echo "=== $name: passed ($p passed, $((SECONDS - started)) s)"
  else
    failures+=("$name")
    echo "=== $name: FAILED ($f failed, $((SECONDS - started)) s)"
  fi
}

bash scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

build_dev() { cmake --preset dev >/dev/null && cmake --build --preset dev; }
unit_and_integration() {
  ctest --preset dev --timeout 600 | tee "$log_dir/ctest.log"
  local status=${PIPESTATUS[0]}
  local line
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$log_dir/ctest.log" | tail -n 1)
  if [ -n "$line" ]; then
    local bad total
    bad=$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')
    total=$(echo "$line" | sed -E 's/.* out of ([0-9]+).*/\1/')
    echo "$((total - bad)) $bad" >"$counts"
  fi
  return "$status"
}
# fuzz_one TARGET CORPUS_NAME: a bounded libFuzzer run of one target from its seed corpus.
fuzz_one() {
  local target="$1" name="$2" corpus="build/fuzz/corpus-$2"
  mkdir -p "$corpus" && cp -n "tests/fuzz/corpus/$name"/* "$corpus"/
  "./build/fuzz/tests/fuzz/$target" -max_total_time="$FUZZ_SECONDS" -max_len=4096 \
    -print_final_stats=1 "$corpus" 2>"$log_dir/fuzz-$name.log"
  local status=$?
  tail -n 6 "$log_dir/fuzz-$name.log"
  return $status
}
fuzz() {
  cmake --preset fuzz >/dev/null &&
    cmake --build --preset fuzz --target frame_parser_fuzz kb_import_fuzz bot_settings_fuzz \
      profile_patch_fuzz canned_import_fuzz admin_json_fuzz || return 1
  fuzz_one frame_parser_fuzz frame_parser && fuzz_one kb_import_fuzz kb_import &&
    fuzz_one bot_settings_fuzz bot_settings && fuzz_one profile_patch_fuzz profile_patch &&
    fuzz_one canned_import_fuzz canned_import && fuzz_one admin_json_fuzz admin_json
}
web_build() { (cd web && npm run typecheck --silent && npm run build --silent); }
# Unit tests of the pages' pure modules (canned-reply variables and matching): tsc, node --test.
web_unit() {
  (cd web && npm run test:unit --silent) | tee "$log_dir/web-unit.log"
  local status=${PIPESTATUS[0]}
  local ok bad
  ok=$(grep -oE "^# pass [0-9]+" "$log_dir/web-unit.log" | tail -n 1 | tr -dc 0-9)
  bad=$(grep -oE "^# fail [0-9]+" "$log_dir/web-unit.log" | tail -n 1 | tr -dc 0-9)
  [ -n "$ok$bad" ] && echo "${ok:-0} ${bad:-0}" >"$counts"
  return "$status"
}
browser() {
  (cd tests/e2e && KEFU_BIN="$PWD/../../build/dev/kefu" npm test --silent) | tee "$log_dir/e2e.log"
  local status=${PIPESTATUS[0]}
  local ok bad
  ok=$(grep -oE "^ *[0-9]+ passed" "$log_dir/e2e.log" | tail -n 1 | tr -dc 0-9)
  bad=$(grep -oE "^ *[0-9]+ failed" "$log_dir/e2e.log" | tail -n 1 | tr -dc 0-9)
  [ -n "$ok$bad" ] && echo "${ok:-0} ${bad:-0}" >"$counts"
  return "$status"
}
# Quick start 1's build: the optimised, jemalloc-linked binary serve.sh runs (its own warnings at
# -O2, its own link line), started with the demo data and asked for its pages.
release_serve() {
  cmake --preset release >/dev/null && cmake --build --preset release --target kefu || return 1
  # ldd's list is read whole first: under pipefail, grep -q exiting at the first match can leave
  # ldd writing into a closed pipe, and its SIGPIPE would read as "not linked" (CI, session 22).
  local libs
  libs=$(ldd build/release/kefu) || return 1
  if grep -q '^KEFU_JEMALLOC:BOOL=ON' build/release/CMakeCache.txt &&
    ! grep -q libjemalloc <<<"$libs"; then
    echo "build/release/kefu is not linked with jemalloc"
    return 1
  fi
  local data port=18690 pid status=1
  data=$(mktemp -d)
  ./build/release/kefu serve --demo --data "$data" --web-root web/dist --listen "127.0.0.1:$port" \
    >"$log_dir/release-serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && { status=0; break; }
    sleep 0.1
  done
  if [ "$status" -eq 0 ]; then
    # Read whole before matching: grep -q closing the pipe early would fail the step (pipefail).
    local page metrics
    page=$(curl -sf "http://127.0.0.1:$port/demo/") && [[ "$page" == *"<html"* ]] ||
      { echo "no demo page"; status=1; }
    metrics=$(curl -sf "http://127.0.0.1:$port/metrics") &&
      [[ "$metrics" == *$'\n'kefu_connections_open* ]] || { echo "no metrics"; status=1; }
  else
    echo "the release server did not become ready"; cat "$log_dir/release-serve.log"
  fi
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -rf "$data"
  return "$status"
}

step "build (dev preset: ASan + UBSan, -Werror)" build_dev
if [ "$failed" -eq 0 ]; then
  step "unit, integration and crash tests (ctest)" unit_and_integration
  step "web: type check and build" web_build
  step "web: unit tests (node --test)" web_unit
  step "browser tests (Playwright + Debian chromium)" browser
  step "release build, started with the demo data (what scripts/serve.sh runs)" release_serve
fi
step "fuzz the frame, knowledge-base import, bot settings, profile edit, canned import and administrators' routing and classification parsers, ${FUZZ_SECONDS} s each (libFuzzer)" fuzz

echo
echo "=== summary"
for name in "${failures[@]}"; do echo "failed: $name"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
