#!/usr/bin/env python3
"""Rebuild and check bench/devset/texts/ (the article excerpts, git-ignored).

    python3 bench/devset/texts_tool.py save < answer.json   # save excerpts from a search answer
    python3 bench/devset/texts_tool.py check                 # which texts are missing or differ

`save` reads one or more JSON answers of the search tool's `pages` corpus
(as printed by the tool: {"query": ..., "results": [{"url": ..., "excerpt": ...}]})
from standard input, concatenated or one per line, and writes the excerpt of
every result whose URL is in labels.tsv to texts/<id>.txt, byte for byte.
`check` compares texts/ with texts.sha256 and checks that every headline and
span of labels.tsv / spans.tsv is found in its text. Standard library only.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"


def read_tsv(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def answers(stream: str):
    dec = json.JSONDecoder()
    i = 0
    while i < len(stream):
        while i < len(stream) and stream[i].isspace():
            i += 1
        if i >= len(stream):
            break
        obj, i = dec.raw_decode(stream, i)
        yield obj


def save() -> int:
    by_url: dict[str, list[str]] = {}
    for r in read_tsv("labels.tsv"):
        by_url.setdefault(r["url"], []).append(r["id"])
    expected = dict(line.split("  texts/") for line in (HERE / "texts.sha256").read_text().split("\n") if line)
    expected = {v.removesuffix(".txt"): k for k, v in expected.items()}
    TEXTS.mkdir(exist_ok=True)
    saved = 0
    for ans in answers(sys.stdin.read()):
        for res in ans.get("results", []):
            for i in by_url.get(res.get("url", ""), []):
                text = res.get("excerpt", "")
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
                note = "" if digest == expected.get(i) else "  (differs from texts.sha256: the stored page may have changed)"
                (TEXTS / f"{i}.txt").write_text(text, encoding="utf-8", newline="")
                print(f"saved texts/{i}.txt{note}")
                saved += 1
    print(f"{saved} text(s) saved")
    return 0


def check() -> int:
    problems = 0
    missing = []
    for line in (HERE / "texts.sha256").read_text().split("\n"):
        if not line:
            continue
        digest, rel = line.split("  ", 1)
        p = HERE / rel
        if not p.is_file():
            missing.append(p.stem)
            continue
        if hashlib.sha256(p.read_bytes()).hexdigest() != digest:
            print(f"{rel}: differs from texts.sha256")
            problems += 1
    texts = {p.stem: p.read_text(encoding="utf-8") for p in TEXTS.glob("d*.txt")}
    # Labels point into the texts as `start+length`: check that each lands
    # on a whole chrome line, and inside the text for the others.
    def cut(i, at):
        start, length = (int(x) for x in at.split("+"))
        return texts[i][start:start + length], start + length <= len(texts[i])
    for r in read_tsv("labels.tsv"):
        if r["id"] in texts and r["headline"] != "-" and not cut(r["id"], r["headline"])[1]:
            print(f"{r['id']}: headline points past the text")
            problems += 1
    for s in read_tsv("spans.tsv"):
        if s["id"] not in texts:
            continue
        text, inside = cut(s["id"], s["at"])
        ok = inside and (text in texts[s["id"]].split("\n") if s["kind"] == "chrome" else True)
        if not ok:
            print(f"{s['id']}: {s['kind']} span at {s['at']} is not a whole line of the text")
            problems += 1
    print(f"{len(texts)} text(s) present, {len(missing)} missing" + (f": {' '.join(missing)}" if missing else ""))
    print(f"{problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "save":
        sys.exit(save())
    if cmd == "check":
        sys.exit(check())
    print(__doc__)
    sys.exit(2)
