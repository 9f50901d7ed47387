#!/usr/bin/env python3
"""How well headline extraction holds when a page's header is disturbed in
the ways issue 10 lists: a date glued before the headline, an outlet's name
after a pipe, a page counter, a weekday-and-time line or a section label
above it, an image file name glued to it, a menu or a breadcrumb above it,
a labelled "original title" field.

    python3 bench/devset/robustness.py --bin target/debug/bilateral-digest [--split train|test|all] [--verbose]

Each article of the split whose headline is a whole line of its text is
imported once per disturbance (the headline line rewritten, or lines put
before it) and the page's title is compared with the labelled headline.
The disturbances are shapes written here, not strings of any site; the
texts stay in bench/devset/texts/ (git-ignored). Standard library only.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import score  # noqa: E402


def disturbances(lang: str) -> dict[str, tuple[str, str]]:
    """name -> (text before the headline line, how the line is rewritten: {h})."""
    weekday = {
        "vi": "Thứ Năm, 14/03/2024 16:40 (GMT+7)",
        "ja": "2024年3月14日(木曜日) 16:40",
        "fr": "jeudi 14 mars 2024, 16:40",
        "de": "Donnerstag, 14. März 2024, 16:40 Uhr",
    }.get(lang, "Thursday, March 14, 2024 4:40 PM")
    return {
        "glued date": ("", "date 2024-03-14 {h}"),
        "outlet after a pipe": ("", "{h} | Example Outlet News"),
        "page counter": ("", "{h}（1/3ページ）" if lang == "ja" else "{h} (1/3)"),
        "weekday and time above": (weekday + "\n", "{h}"),
        "section label above": ("World News\n\n", "{h}"),
        "image file name glued": ("", "132240411.1.jpg {h}"),
        "menu above": ("Home\nWorld\nBusiness\nSport\nCulture\n\n", "{h}"),
        "breadcrumb": ("", "Home > News > Asia > {h}"),
        "original-title field below": ("", "{h}\n原标题:{h}，全文" if lang == "zh" else "{h}\nSource: Example Outlet News"),
        "outlet before a pipe": ("", "Example Outlet News | {h}"),
        "related links above": (">> Other story on a port deal\n>> Another story on rice exports\n\n", "{h}"),
        "byline and share lines below": ("", "{h}\nBy An Nguyen\nShare\nTweet\nComments (0)"),
        "caption with a credit above": ("The harbour at dawn. (Photo: Example Agency)\n\n", "{h}"),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--split", default="train", choices=["train", "test", "all"])
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    labels = score.read_tsv(HERE / "labels.tsv")
    spans = score.read_tsv(HERE / "spans.tsv")
    score.resolve(labels, spans, HERE / "texts")
    cases = {}
    for r in labels:
        if args.split != "all" and r["split"] != args.split:
            continue
        path = HERE / "texts" / f"{r['id']}.txt"
        if r["headline"] == "-" or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        if r["headline"] not in lines:
            continue
        k = lines.index(r["headline"])
        for name, (before, line) in disturbances(r["language"]).items():
            new = lines[:k] + [before + line.format(h=r["headline"])] + lines[k + 1 :]
            cases[f"{r['id']}-{len(cases)}"] = (r["id"], name, "\n".join(new), r["headline"])
    with tempfile.TemporaryDirectory(prefix="robust-") as tmp:
        root = Path(tmp)
        shutil.copy2(score.REPO / "site.toml", root / "site.toml")
        shutil.copytree(score.REPO / "data", root / "data")
        (root / "seeds").mkdir()
        for key, (_, _, text, _) in cases.items():
            (root / "seeds" / f"{key}.txt").write_text(text, encoding="utf-8")
        subprocess.run([args.bin, "import", "--root", str(root)], capture_output=True, timeout=600)
        titles = {}
        for md in (root / "content" / "articles").glob("*.md"):
            front, _ = score.parse_page(md)
            titles[Path(str(front.get("seed", ""))).stem] = str(front.get("title", ""))
    ok, total = Counter(), Counter()
    misses = []
    for key, (i, name, _, want) in cases.items():
        total[name] += 1
        got = titles.get(key)
        if got is not None and score.collapse(got) == score.collapse(want):
            ok[name] += 1
        else:
            misses.append(f"{i}\t{name}\t{want!r} -> {got!r}")
    print(f"Split `{args.split}`: {len({c[0] for c in cases.values()})} articles with a headline line\n")
    print("| disturbance | headline exactly right |\n| --- | --- |")
    for name in total:
        print(f"| {name} | {score.pct(ok[name], total[name])} |")
    print(f"| **all** | {score.pct(sum(ok.values()), sum(total.values()))} |")
    if args.verbose:
        print("\n" + "\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
