#!/usr/bin/env python3
"""Two builds of bilateral-digest on the same articles, in alternating pairs.

    python3 bench/compare.py --pairs 12 OLD_BIN OLD_SITE NEW_BIN NEW_SITE
    python3 bench/compare.py --pairs 4 --import OLD_BIN OLD_SEEDS NEW_BIN NEW_SEEDS

A site is a digest root (site.toml, data/, content/articles/); each binary
gets its own, so that an older commit reads the data files of its own time
(bench/gen.py makes the articles; copy them beside that commit's data/).
Without --import, each pair runs a full build of each into a fresh output,
then a no-op rebuild of each, then a rebuild after one sentence is added to
the middle article (put back afterwards). With --import, each pair imports a
fresh copy of each root's seeds/. The order within a pair alternates, so that
a machine that drifts charges both sides alike. Outputs go to tmpfs where
there is one. Prints the medians, the ratio of the medians and the median of
the pairs' ratios (new / old), and every run, as Markdown.

Standard library only; times are wall seconds of the whole process.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(args):
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def fresh(path):
    """Remove an output and what a build keeps beside it (cache, stamp)."""
    parent, name = os.path.split(path)
    for p in (path, os.path.join(parent, f".{name}.cache"), os.path.join(parent, f".{name}.stamp")):
        if os.path.isdir(p):
            shutil.rmtree(p)
        elif os.path.exists(p):
            os.remove(p)


def middle_article(site):
    folder = os.path.join(site, "content", "articles")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".md"))
    return os.path.join(folder, names[len(names) // 2])


def builds(sides, pairs, scratch):
    times = {m: ([], []) for m in ("full build", "no-op rebuild", "one-edit rebuild")}
    edited = {k: middle_article(site) for k, (_, site) in enumerate(sides)}
    saved = {k: open(p, "rb").read() for k, p in edited.items()}

    def build(k):
        binary, site = sides[k]
        return run([binary, "build", "--root", site, "--output", os.path.join(scratch, f"out{k}"), "--no-import"])

    try:
        for i in range(pairs):
            order = (0, 1) if i % 2 == 0 else (1, 0)
            for k in order:
                fresh(os.path.join(scratch, f"out{k}"))
                times["full build"][k].append(build(k))
            for k in order:
                times["no-op rebuild"][k].append(build(k))
            for k in order:
                with open(edited[k], "ab") as f:
                    f.write(f"\nEdited for benchmark pair {i}.\n".encode())
                times["one-edit rebuild"][k].append(build(k))
                with open(edited[k], "wb") as f:
                    f.write(saved[k])
                build(k)
    finally:
        for k, p in edited.items():
            with open(p, "wb") as f:
                f.write(saved[k])
    return times


def imports(sides, pairs, scratch):
    times = {"import": ([], [])}
    for i in range(pairs):
        for k in (0, 1) if i % 2 == 0 else (1, 0):
            binary, root = sides[k]
            work = os.path.join(scratch, f"import{k}")
            if os.path.exists(work):
                shutil.rmtree(work)
            shutil.copytree(root, work)
            times["import"][k].append(run([binary, "import", "--root", work]))
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=10)
    ap.add_argument("--import", dest="imports", action="store_true", help="time imports instead of builds")
    ap.add_argument("old_bin")
    ap.add_argument("old_root")
    ap.add_argument("new_bin")
    ap.add_argument("new_root")
    a = ap.parse_args()
    sides = [(os.path.abspath(a.old_bin), os.path.abspath(a.old_root)), (os.path.abspath(a.new_bin), os.path.abspath(a.new_root))]
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    scratch = tempfile.mkdtemp(prefix="bd-compare-", dir=base)
    try:
        times = (imports if a.imports else builds)(sides, a.pairs, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{a.pairs} alternating pairs, wall seconds.\n")
    print("| measure | old median | new median | ratio of medians | median of pair ratios |")
    print("|---|---:|---:|---:|---:|")
    for measure, (old, new) in times.items():
        ratios = [n / o for o, n in zip(old, new)]
        print(
            f"| {measure} | {statistics.median(old):.3f} | {statistics.median(new):.3f} | "
            f"{statistics.median(new) / statistics.median(old):.3f} | {statistics.median(ratios):.3f} |"
        )
    print()
    for measure, (old, new) in times.items():
        print(f"- {measure}, old: {' / '.join(f'{t:.3f}' for t in old)}")
        print(f"- {measure}, new: {' / '.join(f'{t:.3f}' for t in new)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
