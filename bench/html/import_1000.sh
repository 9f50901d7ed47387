#!/usr/bin/env bash
# Import 1,000 saved pages (issue 11: under 5 s on 2 cores, release build).
#
#   bench/html/import_1000.sh [BENCH_DIR] [N]
#
# With BENCH_DIR (a local copy of the article-extraction benchmark, with its
# html/*.html.gz) the pages are its 181 pages repeated, each copy made a page
# of its own (its canonical URL and title numbered), until there are N
# (default 1000); without it, the HTML fixtures in tests/fixtures/html/ are
# used the same way. Builds `--release`, imports into a fresh site on tmp,
# three times (the first warms the page cache), and prints each run's wall
# time and the pages written. Not a test: numbers go in bench/RESULTS.md.
# The benchmark's pages are not part of this repository.
set -euo pipefail

cd "$(dirname "$0")/../.."
REPO=$(pwd)
SRC=${1:-}
N=${2:-1000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bd-html-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# BIN=path runs another build (a debug one, to try the script quickly).
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN=$REPO/target/release/bilateral-digest
fi

python3 - "$WORK/pages" "$N" "${SRC:-$REPO/tests/fixtures/html}" <<'PY'
import gzip, re, sys
from pathlib import Path
out, n, src = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
out.mkdir(parents=True)
files = sorted(src.glob("html/*.html.gz")) or sorted(
    p for p in src.iterdir() if p.name.endswith((".html", ".htm", ".html.gz")))
pages = []
for p in files:
    raw = p.read_bytes()
    pages.append(gzip.decompress(raw) if p.name.endswith(".gz") else raw)
for k in range(n):
    page = pages[k % len(pages)]
    # Numbered so that no two copies are one story or share a slug.
    page = re.sub(rb"(<title[^>]*>)", rb"\g<1>%d " % k, page, count=1, flags=re.I)
    page = re.sub(rb'(property="og:title"\s+content=")', rb"\g<1>%d " % k, page, count=1)
    page = re.sub(rb'(rel="canonical"\s+href="[^"]*)', rb"\g<1>?copy=%d" % k, page, count=1)
    (out / f"{k:05d}.html.gz").write_bytes(gzip.compress(page, mtime=0))
PY

for run in 1 2 3; do
    site=$WORK/site-$run
    "$BIN" init "$site" >/dev/null 2>&1
    rm -f "$site"/seeds/*
    cp "$WORK"/pages/* "$site/seeds/"
    start=$(date +%s.%N)
    "$BIN" import --root "$site" > "$WORK/out-$run.txt" 2>&1 || true
    end=$(date +%s.%N)
    pages=$(find "$site/content/articles" -name '*.md' | wc -l)
    printf 'run %d: %d seeds, %d pages written, %.2f s\n' "$run" "$N" "$pages" "$(python3 -c "print($end - $start)")"
done
