#!/usr/bin/env bash
# Where our build spends time and memory (for bench/RESULTS.md).
#
#   bench/profile.sh [N_CPU] [N_MEM]     defaults: 10000 1000
#
# CPU: perf (software cpu-clock event, DWARF call graphs; hardware counters are
# often unavailable in containers) on a full build of N_CPU articles.
# Memory: valgrind massif on a full build of N_MEM articles, peak heap grouped
# by the innermost bilateral_digest function. Run bench/run.sh first: it builds
# the release binary and generates the sites under bench/work/.
set -eu
cd "$(dirname "$0")/.."
N_CPU=${1:-10000}
N_MEM=${2:-1000}
BIN=target/release/bilateral-digest
if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm; else BASE=${TMPDIR:-/tmp}; fi
T=$(mktemp -d "$BASE/bd-profile.XXXXXX")
trap 'rm -rf "$T"' EXIT
for n in "$N_CPU" "$N_MEM"; do
    [ -d "bench/work/n$n/digest" ] || { echo "no bench/work/n$n: run bench/run.sh $n first" >&2; exit 1; }
done

echo "## perf: full build of $N_CPU articles"
perf record -q -e cpu-clock -F 499 --call-graph dwarf,32768 -o "$T/perf.data" -- \
    "$BIN" build --root "bench/work/n$N_CPU/digest" --output "$T/out" --no-import
echo
echo "### inclusive (children), our functions and big library entry points"
perf report -i "$T/perf.data" --children --sort symbol --stdio -g none 2>/dev/null |
    grep -E '^ +[0-9.]+%' |
    grep -E 'bilateral_digest::[a-z_]+::[a-z_]+|render_all|Site::new|tera::tera::Tera::render|pulldown_cmark::(html|parse)|serde_json::to_string|sha2' |
    grep -v -E 'closure_env|\(inlined\)' | head -30 | cut -c1-150
echo
echo "### self time, top 25"
perf report -i "$T/perf.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null |
    grep -E '^ +[0-9.]+%' | head -25 | cut -c1-150

echo
echo "## massif: peak heap of a full build of $N_MEM articles"
rm -rf "$T/out"
valgrind -q --tool=massif --depth=40 --massif-out-file="$T/massif.out" \
    "$BIN" build --root "bench/work/n$N_MEM/digest" --output "$T/out" --no-import 2>/dev/null
python3 bench/massif_top.py "$T/massif.out" 20
