#!/bin/sh
# Run every fuzz target for N inputs each (default 1000000), one after the
# other, and print the figures libFuzzer reports. Not part of CI.
#
#   fuzz/run.sh [N] [extra libFuzzer flags...]
#   FUZZ_PROFILE=dev fuzz/run.sh 100000      # unoptimised build
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# New inputs libFuzzer finds go to fuzz/work/<target>/ (not committed); the
# committed seed corpus in fuzz/corpus/<target>/ is read, never written.
set -eu
cd "$(dirname "$0")"
runs="${1:-1000000}"
[ $# -gt 0 ] && shift
profile=""
[ "${FUZZ_PROFILE:-}" = dev ] && profile="--dev"
for target in seed_cleaner front_matter html_seed; do
    mkdir -p "work/$target"
    start=$(date +%s)
    # shellcheck disable=SC2086
    cargo +nightly fuzz run $profile "$target" "work/$target" "corpus/$target" -- \
        -runs="$runs" -print_final_stats=1 "$@" 2>&1 | tee "work/$target.log" | tail -n 25
    end=$(date +%s)
    secs=$((end - start))
    [ "$secs" -gt 0 ] || secs=1
    echo "== $target: $runs inputs in ${secs} s (build included): $((runs / secs)) inputs/s"
done
