#!/usr/bin/env python3
"""Score bilateral-digest's import on the development set.

Usage:
    python3 bench/devset/score.py --bin target/debug/bilateral-digest [--split test|train|all] [--json] [--verbose]

Builds a temporary site (the repository's site.toml and data/, and one seed per
article from bench/devset/texts/), runs `BIN import --root TMP`, reads every
content/articles/*.md it wrote and compares it with labels.tsv and spans.tsv.
Standard library only. See README.md for what each row means.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = Path(__file__).resolve().parents[2]
THEMES = ["investment", "local-cooperation", "diaspora", "technology-transfer"]
# Language tags that name the same language for this score.
SAME_LANGUAGE = {"no": "nb", "nn": "nb", "nob": "nb", "zh-hans": "zh", "zh-hant": "zh", "cmn": "zh"}
# A chrome line shorter than this counts as kept only when it is a whole line
# of the body; longer ones also when they appear inside a paragraph.
CHROME_SUBSTRING_MIN = 15


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def resolve(labels, spans_rows, texts_dir: Path):
    """Labels point into the texts (`start+length`, in characters) instead of
    quoting them, so that no text of the corpus is committed: the headline and
    the spans are read from the regenerated texts here. An article whose text
    is missing keeps no headline or spans (it is counted as not imported)."""
    texts = {}
    for r in labels:
        p = texts_dir / f"{r['id']}.txt"
        if p.is_file():
            texts[r["id"]] = p.read_text(encoding="utf-8")
    def cut(i, at):
        if at == "-" or i not in texts:
            return None
        start, length = (int(x) for x in at.split("+"))
        return texts[i][start:start + length]
    for r in labels:
        r["headline"] = cut(r["id"], r["headline"]) or "-"
    out = []
    for s in spans_rows:
        text = cut(s["id"], s["at"])
        if text is not None:
            out.append({"id": s["id"], "kind": s["kind"], "text": text})
    return out


def collapse(text: str) -> str:
    return " ".join(text.split())


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unmarkdown(text: str) -> str:
    """The body as plain text: Markdown backslash escapes and the entities
    import writes for <, > and & undone."""
    return html.unescape(_ESCAPED.sub(r"\1", text))


def norm_lang(tag: str | None) -> str:
    if not tag:
        return ""
    t = tag.strip().lower().replace("_", "-")
    if t in SAME_LANGUAGE:
        return SAME_LANGUAGE[t]
    base = t.split("-")[0]
    return SAME_LANGUAGE.get(base, base)


def parse_page(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        raise ValueError(f"{path.name}: no +++ front matter")
    for end in range(1, len(lines)):
        if lines[end].strip() == "+++":
            break
    else:
        raise ValueError(f"{path.name}: front matter not closed")
    front = tomllib.loads("\n".join(lines[1:end]))
    return front, "\n".join(lines[end + 1 :])


def pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100.0 * n / d:.1f}%)" if d else "0/0 (-)"


def run_import(binary: Path, ids: list[str]) -> tuple[dict[str, tuple[dict, str]], list[str], str]:
    """Import the seeds in a temporary site; return pages by id, missing texts, tool output."""
    missing: list[str] = []
    pages: dict[str, tuple[dict, str]] = {}
    with tempfile.TemporaryDirectory(prefix="devset-") as tmp:
        root = Path(tmp)
        shutil.copy2(REPO / "site.toml", root / "site.toml")
        shutil.copytree(REPO / "data", root / "data")
        seeds = root / "seeds"
        seeds.mkdir()
        for i in ids:
            src = HERE / "texts" / f"{i}.txt"
            if src.is_file():
                shutil.copyfile(src, seeds / f"{i}.txt")
            else:
                missing.append(i)
        proc = subprocess.run(
            [str(binary), "import", "--root", str(root)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        output = (proc.stdout + proc.stderr).strip()
        if proc.returncode != 0:
            print(f"warning: import exited with {proc.returncode}:\n{output}", file=sys.stderr)
        for md in sorted((root / "content" / "articles").glob("*.md")):
            try:
                front, body = parse_page(md)
            except (ValueError, tomllib.TOMLDecodeError) as e:
                print(f"warning: {e}", file=sys.stderr)
                continue
            seed = str(front.get("seed", ""))
            stem = Path(seed).stem if seed else md.stem
            pages[stem] = (front, body)
    return pages, missing, output


def f1(tp: int, fp: int, fn: int) -> float:
    d = 2 * tp + fp + fn
    return 2 * tp / d if d else 0.0


def score(labels, spans, pages, split: str):
    rows = [r for r in labels if split == "all" or r["split"] == split]
    ids_with_text = [r["id"] for r in rows if (HERE / "texts" / f"{r['id']}.txt").is_file()]
    have = set(ids_with_text)
    rows = [r for r in rows if r["id"] in have]
    misses: list[str] = []
    m = defaultdict(int)
    per_lang = defaultdict(lambda: [0, 0])
    conf = {t: [0, 0, 0] for t in THEMES}  # tp, fp, fn

    for r in rows:
        i, lang, gold = r["id"], r["language"], r["theme"]
        page = pages.get(i)
        if page is None:
            m["not_imported"] += 1
            misses.append(f"{i}\t{lang}\tnot imported")
        front, body = page if page else ({}, "")
        themes = [str(t) for t in front.get("themes", [])] if page else []
        off = bool(front.get("offtopic", False)) if page else False
        pred = None if (off or not themes) else themes[0]

        if gold == "offtopic":
            m["off_total"] += 1
            if page and off:
                m["off_flagged"] += 1
            elif page:
                misses.append(f"{i}\t{lang}\toff-topic not flagged (got themes={themes})")
        else:
            m["on_total"] += 1
            per_lang[lang][1] += 1
            if pred == gold:
                m["primary_ok"] += 1
                per_lang[lang][0] += 1
            elif page:
                misses.append(f"{i}\t{lang}\ttheme: expected {gold}, got {'offtopic' if off else (pred or 'none')} {themes}")
            if page and off:
                m["false_alarm"] += 1
        for t in THEMES:
            if gold == t and pred == t:
                conf[t][0] += 1
            elif pred == t:
                conf[t][1] += 1
            elif gold == t:
                conf[t][2] += 1

        if r["headline"] != "-":
            m["head_total"] += 1
            got = collapse(str(front.get("title", "")))
            if page and got == collapse(r["headline"]):
                m["head_ok"] += 1
            elif page:
                misses.append(f"{i}\t{lang}\theadline: expected {collapse(r['headline'])!r}, got {got!r}")

        m["lang_total"] += 1
        got_lang = norm_lang(front.get("language")) if page else ""
        if page and got_lang == norm_lang(lang):
            m["lang_ok"] += 1
        elif page:
            misses.append(f"{i}\t{lang}\tlanguage: expected {lang}, got {front.get('language')!r}")

        if not page:
            continue
        plain = unmarkdown(body)
        flat = collapse(plain)
        body_lines = {collapse(x) for x in plain.split("\n") if x.strip()}
        for s in spans.get(i, []):
            text = collapse(s["text"])
            if s["kind"] == "chrome":
                if not text:
                    continue
                m["chrome_total"] += 1
                kept = text in body_lines or (len(text) >= CHROME_SUBSTRING_MIN and text in flat)
                if not kept:
                    m["chrome_dropped"] += 1
                else:
                    misses.append(f"{i}\t{lang}\tchrome kept: {text!r}")
            elif s["kind"] == "body":
                m["body_total"] += 1
                if text in flat:
                    m["body_kept"] += 1
                else:
                    misses.append(f"{i}\t{lang}\tbody passage lost: {text!r}")

    per_theme_f1 = {t: f1(*conf[t]) for t in THEMES}
    macro = sum(per_theme_f1.values()) / len(THEMES)
    return rows, m, per_lang, per_theme_f1, macro, misses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="path to the bilateral-digest binary")
    ap.add_argument("--split", choices=["test", "train", "all"], default="all")
    ap.add_argument("--ids", help="only articles FIRST-LAST (e.g. d225-d266): a batch scored before rules see it")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()

    binary = Path(args.bin).resolve()
    if not binary.is_file():
        print(f"error: no binary at {args.bin} (build it with `cargo build`)", file=sys.stderr)
        return 2
    labels = read_tsv(HERE / "labels.tsv")
    spans: dict[str, list[dict[str, str]]] = defaultdict(list)
    for s in resolve(labels, read_tsv(HERE / "spans.tsv"), HERE / "texts"):
        spans[s["id"]].append(s)

    started = time.monotonic()
    pages, missing, _ = run_import(binary, [r["id"] for r in labels])
    if args.ids:
        first, last = args.ids.split("-")
        labels = [r for r in labels if first <= r["id"] <= last]
    rows, m, per_lang, per_theme_f1, macro, misses = score(labels, spans, pages, args.split)
    missing_here = [r["id"] for r in labels if r["id"] in set(missing) and (args.split == "all" or r["split"] == args.split)]
    elapsed = time.monotonic() - started

    result = {
        "split": args.split,
        "articles": len(rows),
        "texts_missing": len(missing_here),
        "primary_theme_right": [m["primary_ok"], m["on_total"]],
        "macro_f1": round(macro, 4),
        "f1_per_theme": {t: round(v, 4) for t, v in per_theme_f1.items()},
        "offtopic_flagged": [m["off_flagged"], m["off_total"]],
        "offtopic_false_alarms": [m["false_alarm"], m["on_total"]],
        "headline_exact": [m["head_ok"], m["head_total"]],
        "language_right": [m["lang_ok"], m["lang_total"]],
        "chrome_dropped": [m["chrome_dropped"], m["chrome_total"]],
        "body_kept": [m["body_kept"], m["body_total"]],
        "not_imported": [m["not_imported"], len(rows)],
        "primary_theme_by_language": {k: v for k, v in sorted(per_lang.items())},
        "seconds": round(elapsed, 1),
    }
    if args.verbose:
        result["misses"] = misses
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0

    print(f"Split `{args.split}`: {len(rows)} articles", end="")
    print(f" ({len(missing_here)} texts missing from bench/devset/texts/, skipped)" if missing_here else "", end="")
    print(f"; import and scoring took {elapsed:.1f}s\n")
    print("| metric | result |")
    print("| --- | --- |")
    print(f"| primary theme right | {pct(m['primary_ok'], m['on_total'])} |")
    f1s = ", ".join(f"{t} {v:.2f}" for t, v in per_theme_f1.items())
    print(f"| macro-F1, four themes | {macro:.3f} ({f1s}) |")
    print(f"| off-topic articles flagged | {pct(m['off_flagged'], m['off_total'])} |")
    print(f"| off-topic false alarms | {pct(m['false_alarm'], m['on_total'])} |")
    print(f"| headline exactly right | {pct(m['head_ok'], m['head_total'])} |")
    print(f"| language right | {pct(m['lang_ok'], m['lang_total'])} |")
    print(f"| lines of site chrome dropped | {pct(m['chrome_dropped'], m['chrome_total'])} |")
    print(f"| body passages kept | {pct(m['body_kept'], m['body_total'])} |")
    print(f"| articles not imported | {pct(m['not_imported'], len(rows))} |")
    print("\n| language | primary theme right |")
    print("| --- | --- |")
    for lang, (ok, total) in sorted(per_lang.items(), key=lambda kv: (-kv[1][1], kv[0])):
        print(f"| {lang} | {pct(ok, total)} |")
    if args.verbose:
        print("\nMisses (id, language, what):")
        for line in misses:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
