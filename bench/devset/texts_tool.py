#!/usr/bin/env python3
"""Rebuild and check bench/devset/texts/ (the article excerpts, git-ignored).

    python3 bench/devset/texts_tool.py save < answer.json   # save excerpts from a search answer
    python3 bench/devset/texts_tool.py check                 # which texts are missing or differ
    python3 bench/devset/texts_tool.py add STAGED.json < answer.json   # add new articles

`save` reads one or more JSON answers of the search tool's `pages` corpus
(as printed by the tool: {"query": ..., "results": [{"url": ..., "excerpt": ...}]})
from standard input, concatenated or one per line, and writes the excerpt of
every result whose URL is in labels.tsv to texts/<id>.txt, byte for byte.
`check` compares texts/ with texts.sha256 and checks that every headline and
span of labels.tsv / spans.tsv is found in its text. `add` appends new
articles: STAGED.json (keep it in texts/, it quotes the texts) is a list of
{"url", "language", "theme", "themes_all": [...], "headline": text or null,
"chrome": [whole lines], "body": [passages]}; each URL's excerpt and query
come from the answers on standard input. It gives the next ids, writes the
texts, turns every labelled string into its `start+length`, splits by
split_rule.py and appends to labels.tsv, spans.tsv and texts.sha256.
Standard library only.
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


def _position(text: str, wanted: str, whole_line: bool) -> int:
    """Where `wanted` stands in `text`: the first line equal to it, else
    (unless a whole line is required) its first occurrence."""
    pos = 0
    for line in text.split("\n"):
        if line == wanted:
            return pos
        pos += len(line) + 1
    if whole_line:
        raise SystemExit(f"not a whole line of its text: {wanted!r}")
    at = text.find(wanted)
    if at < 0:
        raise SystemExit(f"not found in its text: {wanted!r}")
    return at


def add(staged_path: str) -> int:
    sys.path.insert(0, str(HERE))
    import split_rule

    staged = json.loads(Path(staged_path).read_text(encoding="utf-8"))
    found: dict[str, tuple[str, str]] = {}
    for ans in answers(sys.stdin.read()):
        # Some results (file openings) carry no address: nothing to add.
        for res in ans.get("results", []):
            if "url" in res and "excerpt" in res:
                found.setdefault(res["url"], (res["excerpt"], ans["query"]))
    rows = read_tsv("labels.tsv")
    known = {r["url"] for r in rows}
    n = max(int(r["id"][1:]) for r in rows)
    label_lines, span_lines, hash_lines = [], [], []
    for a in staged:
        if a["url"] in known:
            raise SystemExit(f"already in labels.tsv: {a['url']}")
        if a["url"] not in found:
            raise SystemExit(f"no answer holds {a['url']}")
        text, query = found[a["url"]]
        n += 1
        i = f"d{n:03d}"
        for kind, key, limit in (("chrome", "chrome", 3), ("body", "body", 2)):
            if len(a.get(key, [])) > limit:
                raise SystemExit(f"{i}: more than {limit} {kind} spans")
        head = "-"
        if a.get("headline"):
            head = f"{_position(text, a['headline'], False)}+{len(a['headline'])}"
        outlet = split_rule.outlet_of(a["url"])
        split = "test" if split_rule.is_test(outlet) else "train"
        label_lines.append("\t".join([i, a["url"], outlet, a["language"], a["theme"],
                                      ",".join(a["themes_all"]), head, split, query]))
        for c in a.get("chrome", []):
            span_lines.append(f"{i}\tchrome\t{_position(text, c, True)}+{len(c)}")
        for b in a.get("body", []):
            if len(b) > 120:
                raise SystemExit(f"{i}: body passage over 120 characters: {b!r}")
            span_lines.append(f"{i}\tbody\t{_position(text, b, False)}+{len(b)}")
        (TEXTS / f"{i}.txt").write_text(text, encoding="utf-8", newline="")
        hash_lines.append(f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}  texts/{i}.txt")
        print(f"{i}\t{split}\t{outlet}")
    for name, lines in (("labels.tsv", label_lines), ("spans.tsv", span_lines), ("texts.sha256", hash_lines)):
        with (HERE / name).open("a", encoding="utf-8", newline="") as fh:
            fh.write("".join(line + "\n" for line in lines))
    print(f"{len(label_lines)} article(s) added")
    return 0


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "save":
        sys.exit(save())
    if cmd == "check":
        sys.exit(check())
    if cmd == "add" and len(sys.argv) == 3:
        sys.exit(add(sys.argv[2]))
    print(__doc__)
    sys.exit(2)
