#!/usr/bin/env python3
"""How well headline extraction holds when a page's header is disturbed in
the ways issue 10 lists: a date glued before the headline, an outlet's name
after a pipe, a page counter, a weekday-and-time line or a section label
above it, an image file name glued to it, a menu or a breadcrumb above it,
a labelled "original title" field, Markdown marks (a `#` heading, a linked
heading, a menu of links). Then chrome of five kinds (a share line,
a byline, a related-links heading and link, a caption with a credit) is put
into each body, in the article's language, and must be dropped while the
labelled body passages are kept.

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
        "date and time glued after": ("", "{h} 14/03/2024 16:40"),
        "updated line below": ("", "{h}\nUpdated: 14/03/2024 16:40 (GMT+7)"),
        "page title repeated above": ("", "{h}\n\n{h}"),
        "tags line below": ("", "{h}\nTags: Japan, Vietnam, Example"),
        "markdown heading": ("", "# {h}"),
        "markdown link menu above": ("* [Home](https://example.org/)\n* [World](https://example.org/world)\n"
                                     "* [Business](https://example.org/business)\n\n", "{h}"),
        "markdown heading, linked": ("", "# [{h}](https://example.org/story)"),
    }


# Chrome put into a body (after the line of its first labelled passage),
# per language: each is a whole line that must not reach the page body.
CHROME = {
    "share line": {"vi": "Chia sẻ | Bình luận (3)", "ja": "シェア ツイート", "ko": "공유 댓글",
                   "zh": "分享 评论", "de": "Teilen | Drucken", "fr": "Partager | Imprimer"},
    "byline": {"vi": "Bởi Nguyễn An", "ja": "文:山田花子", "ko": "글: 김민수", "zh": "作者:王明",
               "de": "Von Anna Schmidt", "fr": "Par Marie Dupont"},
    "related heading": {"vi": "Tin liên quan", "ja": "関連記事", "ko": "관련기사", "zh": "相关新闻",
                        "de": "Mehr zum Thema", "fr": "Lire aussi"},
    "related link": {"vi": "Hội chợ hàng Việt mở cửa ở Osaka", "ja": "大阪でベトナム物産展が開幕",
                     "ko": "오사카에서 베트남 상품전 개막", "zh": "越南商品展在大阪开幕",
                     "de": "Vietnam-Messe in Osaka eröffnet", "fr": "Une foire vietnamienne ouvre à Osaka"},
    "caption with a credit": {"vi": "Quang cảnh buổi lễ. Ảnh: Minh An", "ja": "式典の様子(写真:共同)",
                              "ko": "행사 모습. [사진=연합]", "zh": "签约仪式现场。(图片来源:新华)",
                              "de": "Die Zeremonie in Hanoi. Foto: dpa", "fr": "La cérémonie à Hanoï. Photo : AFP"},
}
EN_CHROME = {"share line": "Share | Tweet | Email", "byline": "By An Nguyen",
             "related heading": "Related news", "related link": "Vietnamese fair opens in Osaka",
             "caption with a credit": "The ceremony in Hanoi. (Photo: Example Agency)"}


def chrome_check(args, labels, spans) -> None:
    by_id = {r["id"]: r for r in labels if args.split == "all" or r["split"] == args.split}
    firsts = {}
    for sp in spans:
        if sp["kind"] == "body" and sp["id"] in by_id and sp["id"] not in firsts:
            firsts[sp["id"]] = sp["text"]
    cases = {}
    for i, passage in firsts.items():
        path = HERE / "texts" / f"{i}.txt"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        at = text.find(passage)
        end = text.find("\n", at)
        if at < 0 or end < 0:
            continue
        lang = by_id[i]["language"]
        injected = [CHROME[k].get(lang, EN_CHROME[k]) for k in CHROME]
        block = "\n".join([injected[1], injected[4], injected[0], "", injected[2], injected[3], ""])
        cases[i] = (text[: end + 1] + block + text[end + 1 :], injected,
                    [s["text"] for s in spans if s["kind"] == "body" and s["id"] == i])
    pages = run(args.bin, {k: v[0] for k, v in cases.items()})
    dropped, total, kept, passages = Counter(), Counter(), 0, 0
    misses = []
    for i, (_, injected, body) in cases.items():
        page = pages.get(i)
        plain = score.collapse(score.unmarkdown(page[1])) if page else ""
        lines = {score.collapse(l) for l in score.unmarkdown(page[1]).split("\n")} if page else set()
        for kind, line in zip(CHROME, injected):
            total[kind] += 1
            if page and line not in lines and (len(line) < 15 or line not in plain):
                dropped[kind] += 1
            else:
                misses.append(f"{i}\tkept {kind}: {line!r}")
        for b in body:
            passages += 1
            if page and score.collapse(b) in plain:
                kept += 1
            else:
                misses.append(f"{i}\tbody passage lost: {b!r}")
    print(f"\nChrome put into {len(cases)} bodies\n")
    print("| chrome | dropped |\n| --- | --- |")
    for kind in CHROME:
        print(f"| {kind} | {score.pct(dropped[kind], total[kind])} |")
    print(f"| **all** | {score.pct(sum(dropped.values()), sum(total.values()))} |")
    print(f"| body passages kept | {score.pct(kept, passages)} |")
    if args.verbose:
        print("\n" + "\n".join(misses))


def run(binary: str, seeds: dict[str, str]) -> dict[str, tuple[dict, str]]:
    with tempfile.TemporaryDirectory(prefix="robust-") as tmp:
        root = Path(tmp)
        shutil.copy2(score.REPO / "site.toml", root / "site.toml")
        shutil.copytree(score.REPO / "data", root / "data")
        (root / "seeds").mkdir()
        for key, text in seeds.items():
            (root / "seeds" / f"{key}.txt").write_text(text, encoding="utf-8")
        subprocess.run([binary, "import", "--root", str(root)], capture_output=True, timeout=600)
        pages = {}
        for md in (root / "content" / "articles").glob("*.md"):
            front, body = score.parse_page(md)
            pages[Path(str(front.get("seed", ""))).stem] = (front, body)
    return pages


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--split", default="train", choices=["train", "test", "all"])
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    labels = score.read_tsv(HERE / "labels.tsv")
    spans = score.read_tsv(HERE / "spans.tsv")
    spans = score.resolve(labels, spans, HERE / "texts")
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
    pages = run(args.bin, {k: v[2] for k, v in cases.items()})
    titles = {k: str(front.get("title", "")) for k, (front, _) in pages.items()}
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
    chrome_check(args, labels, spans)
    return 0


if __name__ == "__main__":
    sys.exit(main())
