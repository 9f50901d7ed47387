#!/usr/bin/env python3
"""Score the text cleaner's article bodies on a public extraction benchmark.

Usage:
    python3 bench/extraction/score_text.py --bench DIR --bin target/debug/bilateral-digest
        [--convert html2text|html2text-wrapped|markdownify] [--worst N] [--keep DIR]

DIR is a checkout of the article-extraction benchmark (Zyte/Scrapinghub,
github.com/scrapinghub/article-extraction-benchmark): `html/<id>.html.gz`
and `ground-truth.json` with each page's `articleBody`. Neither is copied
into this repository.

Each page is turned into text the way a scraper's HTML-to-Markdown step
leaves it (`html2text` without wrapping by default; `html2text-wrapped`
keeps its 78-column wrap; `markdownify`), written as a seed, imported with
`BIN import`, and the body of the page import wrote is compared with the
ground truth by the benchmark's measure: precision and recall over word
4-gram shingles (words are runs of `\\w`), normalised per page, averaged
over pages, F1 of the two averages. Pages that were not imported count as
an empty body. The raw converted text is scored too, as the floor.

Needs `pip install html2text markdownify` (not CI dependencies).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    words = WORD.findall(text or "")
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def scores(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def prec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def rec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    ps = [prec(*r) for r in rows if r[0] + r[1] > 0]
    rs = [rec(*r) for r in rows if r[0] + r[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def convert(html: str, how: str) -> str:
    if how == "markdownify":
        import markdownify

        return markdownify.markdownify(html, heading_style="ATX")
    import html2text

    h = html2text.HTML2Text()
    h.body_width = 78 if how == "html2text-wrapped" else 0
    return h.handle(html)


def body_of(page: str) -> str:
    """The Markdown body of a content page, as plain text."""
    parts = page.split("\n+++\n", 1)
    body = parts[1] if len(parts) == 2 else page
    body = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>$~])", r"\1", body)
    body = re.sub(r"^#+ ", "", body, flags=re.M)
    return body


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True)
    ap.add_argument("--bin", type=Path, required=True)
    ap.add_argument("--convert", default="html2text", choices=["html2text", "html2text-wrapped", "markdownify"])
    ap.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    ap.add_argument("--keep", type=Path, help="keep the site (seeds and pages) in this folder")
    args = ap.parse_args()

    truth = json.loads((args.bench / "ground-truth.json").read_text(encoding="utf-8"))
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="extraction-"))
    if root.exists():
        shutil.rmtree(root)
    (root / "seeds").mkdir(parents=True)
    shutil.copy2(REPO / "site.toml", root / "site.toml")
    shutil.copytree(REPO / "data", root / "data")
    raw: dict[str, str] = {}
    for key in truth:
        html = gzip.decompress((args.bench / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        text = convert(html, args.convert)
        raw[key] = text
        (root / "seeds" / f"{key}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.run([str(args.bin.resolve()), "import", "--root", str(root)], capture_output=True, text=True)
    pages: dict[str, str] = {}
    for p in (root / "content" / "articles").glob("*.md"):
        text = p.read_text(encoding="utf-8")
        m = re.search(r'^seed = "([^"]+)\.txt"$', text, re.M)
        if m:
            pages[m.group(1)] = body_of(text)
    rows, floor, per = [], [], []
    for key, t in truth.items():
        true = t.get("articleBody", "")
        r = tp_fp_fn(true, pages.get(key, ""))
        rows.append(r)
        floor.append(tp_fp_fn(true, raw[key]))
        per.append((*scores([r]), key))
    f1, p, r = scores(rows)
    f0, p0, r0 = scores(floor)
    print(f"pages: {len(truth)}, imported: {len(pages)} (converter: {args.convert})")
    print("| body from text | F1 | precision | recall |")
    print("| --- | --- | --- | --- |")
    print(f"| bilateral-digest import | {f1:.3f} | {p:.3f} | {r:.3f} |")
    print(f"| the converted text as it is | {f0:.3f} | {p0:.3f} | {r0:.3f} |")
    if args.worst:
        print("F1\tP\tR\tpage")
        for s, sp, sr, key in sorted(per)[: args.worst]:
            print(f"{s:.3f}\t{sp:.3f}\t{sr:.3f}\t{key[:12]}\t{truth[key].get('url', '')}")
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
    if not args.keep:
        shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
