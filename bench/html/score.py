#!/usr/bin/env python3
"""Score HTML import on a benchmark of saved pages with ground truth.

The benchmark is the public article-extraction benchmark (181 saved news
pages, `html/<id>.html.gz`, and `ground-truth.json` mapping each id to its
`articleBody`). Its data is not part of this repository: get a copy and
pass its folder.

    python3 bench/html/score.py BENCH_DIR --bin target/debug/bilateral-digest
    python3 bench/html/score.py BENCH_DIR --predictions out.json   # another extractor's output

With `--bin` it makes a fresh site (`init`), puts every page in `seeds/`,
runs `import --explain`, and reads the pages back. It prints the body F1,
precision and recall as the benchmark defines them (token 4-gram shingles,
each page's counts normalised to sum 1, precision and recall averaged over
pages, F1 of the two averages), the share of headlines taken from page
metadata (as `--explain` reports), and the pages imported.
"""
import argparse
import collections
import gzip
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    words = WORD.findall(text or "")
    grams = [tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))]
    return collections.Counter(g for g in grams if g)


def counts(true, pred):
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        a, b = t.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return tp, fp, fn


def precision(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)


def recall(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)


def metrics(per_page):
    ps = [precision(*c) for c in per_page if c[0] + c[1] > 0]
    rs = [recall(*c) for c in per_page if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return f1, p, r


LINK = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")


def markdown_text(body):
    """The reader's text of an imported body: link targets, markers and
    escapes removed; caption lines (`*Caption:* ...`) left out, as the
    benchmark's bodies leave captions out."""
    lines = []
    for line in body.splitlines():
        s = line.strip()
        if s.startswith("<!--") or s.startswith("*Caption:*"):
            continue
        s = LINK.sub("", s)
        s = re.sub(r"^(#+|>|[-*]|\d+\\?\.)\s+", "", s)
        s = s.replace("\\", "")
        lines.append(html.unescape(s))
    return "\n".join(lines)


def split_page(text):
    if not text.startswith("+++"):
        return "", text
    end = text.find("\n+++", 3)
    return text[3:end], text[end + 4:]


def front_value(front, key):
    m = re.search(r'^%s = "((?:[^"\\]|\\.)*)"' % key, front, re.M)
    return json.loads('"%s"' % m.group(1)) if m else None


def run_import(bench, binary, keep):
    site = Path(tempfile.mkdtemp(prefix="bd-html-score-"))
    try:
        root = site / "site"
        subprocess.run([binary, "init", str(root)], check=True, capture_output=True)
        seeds = root / "seeds"
        for old in seeds.iterdir():
            old.unlink()
        for page in sorted((bench / "html").glob("*.html.gz")):
            shutil.copy(page, seeds / page.name)
        start = time.monotonic()
        run = subprocess.run([binary, "import", "--root", str(root), "--explain"],
                             capture_output=True, text=True)
        secs = time.monotonic() - start
        explain = run.stdout + run.stderr
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            (Path(keep) / "explain.txt").write_text(explain)
        bodies, titles = {}, {}
        for md in (root / "content" / "articles").glob("*.md"):
            front, body = split_page(md.read_text())
            seed = front_value(front, "seed") or ""
            key = seed.removesuffix(".html.gz")
            bodies[key] = markdown_text(body)
            titles[key] = front_value(front, "title")
        sources = {}
        for m in re.finditer(r"^== (\S+)\.html\.gz\n(?:  .*\n)*?  headline from (og:title|twitter:title|JSON-LD headline|<h1>|<title>|text|the item.s title):",
                             explain, re.M):
            sources[m.group(1)] = m.group(2)
        return bodies, titles, sources, secs, explain
    finally:
        if not keep:
            shutil.rmtree(site, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bench", type=Path, help="folder with html/ and ground-truth.json")
    ap.add_argument("--bin", help="the bilateral-digest binary")
    ap.add_argument("--predictions", type=Path, help="JSON {id: {articleBody}} to score instead")
    ap.add_argument("--keep", help="folder to keep explain.txt and per-page scores in")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    args = ap.parse_args()
    truth = json.loads((args.bench / "ground-truth.json").read_text())
    sources, secs = {}, None
    if args.predictions:
        pred = json.loads(args.predictions.read_text())
        bodies = {k: v.get("articleBody", "") for k, v in pred.items()}
    elif args.bin:
        bodies, _, sources, secs, _ = run_import(args.bench, args.bin, args.keep)
    else:
        ap.error("give --bin or --predictions")
    per_page, rows = [], []
    for key in sorted(truth):
        c = counts(truth[key].get("articleBody", ""), bodies.get(key, ""))
        per_page.append(c)
        rows.append((2 * c[0] / (2 * c[0] + c[1] + c[2]) if sum(c) else 1.0, key, c))
    f1, p, r = metrics(per_page)
    imported = sum(1 for k in truth if k in bodies)
    print(f"pages imported: {imported}/{len(truth)}")
    print(f"body F1 {f1:.4f}  precision {p:.4f}  recall {r:.4f}")
    if args.bin:
        meta = sum(1 for k in truth if sources.get(k, "text") != "text")
        print(f"headline from page metadata: {meta}/{len(truth)} = {meta / len(truth):.1%}")
        by = collections.Counter(sources.get(k, "none") for k in truth)
        print("headline sources: " + ", ".join(f"{s} {n}" for s, n in by.most_common()))
        print(f"import time (debug or release, as built): {secs:.2f} s")
    for f, key, c in sorted(rows)[:args.worst]:
        print(f"  {f:.3f} p={precision(*c):.3f} r={recall(*c):.3f} {key}")
    return 0 if imported == len(truth) else 1


if __name__ == "__main__":
    sys.exit(main())
