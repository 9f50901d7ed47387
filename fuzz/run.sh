#!/usr/bin/env bash
# Run every fuzz target for N inputs each (default 1000000), one after the
# other, and print the figures libFuzzer reports. Not part of CI.
#
#   fuzz/run.sh [N] [extra libFuzzer flags...]
#   FUZZ_PROFILE=dev fuzz/run.sh 100000      # unoptimised build
#   FUZZ_SANITIZER=none FUZZ_TARGETS=html_seed fuzz/run.sh 100000
#
# FUZZ_SANITIZER goes to `cargo fuzz run -s` (default address). The code
# under test is safe Rust, so `none` finds the same panics and runs faster,
# which is what makes 10^5 pages through rs-trafilatura practical.
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# New inputs libFuzzer finds go to fuzz/work/<target>/ (not committed); the
# committed seed corpus in fuzz/corpus/<target>/ is read, never written.
# Exits non-zero when a target fails to build or finds a crash.
#
# cargo-fuzz builds with debug assertions, under which rs-trafilatura prints
# its progress to stderr for every page: html_seed runs with its stderr
# closed (-close_fd_mask=2), so the log holds libFuzzer's report rather than
# hundreds of megabytes of it. A crash input is still saved under
# fuzz/artifacts/; run it again without the flag to read the panic.
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-1000000}"
[ $# -gt 0 ] && shift
profile=()
[ "${FUZZ_PROFILE:-}" = dev ] && profile=(--dev)
sanitizer=()
[ -n "${FUZZ_SANITIZER:-}" ] && sanitizer=(-s "$FUZZ_SANITIZER")
failed=0
for target in ${FUZZ_TARGETS:-seed_cleaner front_matter html_seed}; do
    mkdir -p "work/$target"
    quiet=()
    [ "$target" = html_seed ] && quiet=(-close_fd_mask=2)
    start=$(date +%s)
    status=0
    cargo +nightly fuzz run "${profile[@]}" "${sanitizer[@]}" "$target" "work/$target" "corpus/$target" -- \
        -runs="$runs" -print_final_stats=1 "${quiet[@]}" "$@" >"work/$target.log" 2>&1 || status=$?
    tail -n 25 "work/$target.log"
    end=$(date +%s)
    secs=$((end - start))
    [ "$secs" -gt 0 ] || secs=1
    # What libFuzzer ran, not what was asked: a build failure runs nothing.
    done_runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "work/$target.log" | tail -n 1)
    done_runs=${done_runs:-0}
    echo "== $target: $done_runs inputs in ${secs} s (build included): $((done_runs / secs)) inputs/s, exit $status"
    [ "$status" -eq 0 ] || failed=1
done
exit "$failed"
