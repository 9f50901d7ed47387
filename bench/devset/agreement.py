#!/usr/bin/env python3
"""How often a second, independent labeller agrees with labels.tsv on the
primary theme, and how the importer's themes compare with both.

Usage:
    python3 bench/devset/agreement.py [--bin target/release/bilateral-digest]

`second_labels.tsv` holds a second labeller's primary theme, every theme that
applies and a confidence (high or low) for a sample of train articles. They
were labelled from the texts alone, by the README's theme definitions,
without seeing labels.tsv or the importer's output. Agreement between two
labellers bounds what any classifier can be expected to score against one
of them. With --bin, each article is imported (as score.py does) and its
first theme is compared with both labels, overall and on the articles the
second labeller was sure of. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def read(name: str) -> dict[str, dict]:
    with (HERE / name).open(encoding="utf-8") as f:
        return {r["id"]: r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else "0/0"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", help="also compare the importer's primary theme")
    args = ap.parse_args()
    labels, second = read("labels.tsv"), read("second_labels.tsv")
    ids = sorted(i for i in second if i in labels)
    got: dict[str, str] = {}
    if args.bin:
        sys.path.insert(0, str(HERE))
        import score

        pages, _, _ = score.run_import(Path(args.bin), ids)
        for i in ids:
            front = pages[i][0] if i in pages else {}
            themes = front.get("themes", [])
            got[i] = "offtopic" if front.get("offtopic") or not themes else themes[0]
    rows = [("all", ids), ("second labeller sure", [i for i in ids if second[i]["confidence"] == "high"]),
            ("second labeller unsure", [i for i in ids if second[i]["confidence"] != "high"])]
    print("| articles | n | labellers agree | importer = labels.tsv | importer = second |")
    print("| --- | --- | --- | --- | --- |")
    for name, sel in rows:
        agree = sum(labels[i]["theme"] == second[i]["theme"] for i in sel)
        a = pct(sum(got.get(i) == labels[i]["theme"] for i in sel), len(sel)) if got else "-"
        b = pct(sum(got.get(i) == second[i]["theme"] for i in sel), len(sel)) if got else "-"
        print(f"| {name} | {len(sel)} | {pct(agree, len(sel))} | {a} | {b} |")
    print()
    print("Disagreements (labels.tsv -> second labeller):")
    for (a, b), n in Counter((labels[i]["theme"], second[i]["theme"]) for i in ids
                             if labels[i]["theme"] != second[i]["theme"]).most_common():
        print(f"  {n} x {a} -> {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
