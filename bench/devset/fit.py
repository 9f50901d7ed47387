#!/usr/bin/env python3
"""Fit the theme classifier's term weights on the development set's train split.

Usage:
    python3 bench/devset/fit.py --bin target/debug/bilateral-digest [--lambda 1.0] [--dry-run]

1. Imports the train split's texts with a probe terms file that holds every
   term of data/themes.toml, and reads from `import --explain` which terms
   matched each article (body, title and lead), its length normaliser, and
   the places it names.
2. Fits a linear model over those term features: one weight per term and
   theme it is listed under (so the file keeps its shape), non-negative, a
   bias per theme and the place weights, by softmax regression on each
   article's primary theme. The weights are pulled towards the hand-set ones
   (scaled by one fitted factor) with an L2 penalty, so that terms the train
   split never shows keep their hand-set weight.
   With `--lead W1 W2 …`, `lead_weight` is chosen among those values by
   the same cross-validation (the one-standard-error rule takes the
   smallest that is as good as the best).
3. Picks `min_theme_score` (off-topic when no theme scores that much) and the
   secondary-theme `threshold` on the train split too.
4. Rewrites the numbers in data/themes.toml in place: comments, order and
   terms stay as they are.

Only the train split is read. Needs numpy and scipy (`pip install scipy`);
they are not CI dependencies. Score the result with score.py.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
THEMES_FILE = REPO / "data" / "themes.toml"
THEMES = ["investment", "local-cooperation", "diaspora", "technology-transfer"]
# Languages whose articles are scored with their own table (the others use
# a table of every term, which the fit cannot attribute to one language).
TABLED = {"en", "vi", "nb", "ja", "zh", "ko", "fr", "de", "es", "sv", "da"}
SAME = {"no": "nb", "nn": "nb"}


def toml_key(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def probe_file(data: dict) -> str:
    """Every term once, weight 1, under the first theme; one dummy term for
    each other theme so that the file is valid."""
    out = ["[settings]"]
    for k, v in data["settings"].items():
        if isinstance(v, dict):
            continue
        if k == "min_theme_score":
            v = 0
        if k == "lead_weight":
            # Any weight above 0 makes the importer report the lead's terms.
            continue
        if k == "fallback":
            # The probe reads matched terms; no article needs a theme.
            continue
        out.append(f"{k} = {toml_key(v) if isinstance(v, str) else v}")
    out.insert(out.index("[settings]") + 1, "lead_weight = 1")
    langs: dict[str, set[str]] = {}
    for per_lang in data["themes"].values():
        for lang, terms in per_lang.items():
            langs.setdefault(lang, set()).update(terms)
    for lang in sorted(langs):
        out.append(f"[themes.{THEMES[0]}.{lang}]")
        out += [f"{toml_key(t)} = 1" for t in sorted(langs[lang])]
    for t in THEMES[1:]:
        out.append(f"[themes.{t}.en]")
        out.append('"zzqqxxunused" = 1')
    return "\n".join(out) + "\n"


def explain(binary: Path, texts: list[Path], terms: str) -> str:
    with tempfile.TemporaryDirectory(prefix="fit-") as tmp:
        root = Path(tmp)
        shutil.copy2(REPO / "site.toml", root / "site.toml")
        shutil.copytree(REPO / "data", root / "data")
        (root / "data" / "themes.toml").write_text(terms, encoding="utf-8")
        (root / "seeds").mkdir()
        for t in texts:
            shutil.copyfile(t, root / "seeds" / t.name)
        proc = subprocess.run(
            [str(binary), "import", "--root", str(root), "--explain"],
            capture_output=True, text=True, timeout=600,
        )
        return proc.stdout


def parse(out: str) -> dict[str, dict]:
    docs: dict[str, dict] = {}
    cur = None
    for line in out.split("\n"):
        m = re.match(r"== (\S+)\.txt", line)
        if m:
            cur = {"body": {}, "title": {}, "lead": {}, "norm": 1.0, "places": 0, "title_places": 0,
                   "lang": "", "country_off": False}
            docs[m.group(1)] = cur
            continue
        if cur is None:
            continue
        m = re.match(r"\s+language: (\S+)", line)
        if m:
            cur["lang"] = m.group(1).split("-")[0]
        m = re.search(r"words: \d+ \(scores divided by ([\d.]+)\)", line)
        if m:
            cur["norm"] = float(m.group(1))
        m = re.search(r"-> off-topic: (.*)", line)
        if m and not m.group(1).startswith("no theme"):
            cur["country_off"] = True
        m = re.search(r"classifier: places: .* \((\d+) in the title\)", line)
        if m:
            cur["places"] = len(line.split("places: ", 1)[1].rsplit(" (", 1)[0].split(", "))
            cur["title_places"] = int(m.group(1))
        m = re.match(rf"\s+classifier:\s+[+-] {THEMES[0]} [-\d.]+: (.*)", line)
        if m and m.group(1) != "(no terms)":
            for term, n in re.findall(r"(.+?) x([\d.]+)(?:, |$)", m.group(1)):
                n = float(n)
                for part in ("title", "lead"):
                    if term.endswith(f" ({part})"):
                        cur[part][term[: -len(part) - 3]] = n
                        break
                else:
                    cur["body"][term] = n
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--lambda", dest="lam", type=float, default=None,
                    help="L2 pull towards the hand-set weights (default: chosen by cross-validation over outlets)")
    ap.add_argument("--lead", type=float, nargs="+", default=None,
                    help="lead_weight candidates, chosen among by the same cross-validation (default: the file's)")
    ap.add_argument("--dry-run", action="store_true", help="print the fit, leave themes.toml alone")
    args = ap.parse_args()

    labels = list(csv.DictReader((HERE / "labels.tsv").open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    train = [r for r in labels if r["split"] == "train" and (HERE / "texts" / f"{r['id']}.txt").is_file()]
    text = THEMES_FILE.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    settings = data["settings"]
    tw = float(settings["title_weight"])

    docs = parse(explain(Path(args.bin), [HERE / "texts" / f"{r['id']}.txt" for r in train], probe_file(data)))

    # Parameters: (theme, lang, term) entries of the file.
    entries = []
    for ti, theme in enumerate(THEMES):
        for lang, terms in data["themes"].get(theme, {}).items():
            for term, w in terms.items():
                entries.append((ti, lang, term, float(w)))
    # A feature is a term as a document of a language sees it: its own
    # language's terms and the "any" ones.
    def feature_of(lang: str, term: str) -> tuple[str, str]:
        for src in (lang, "any"):
            if any(term in data["themes"].get(t, {}).get(src, {}) for t in THEMES):
                return (src, term)
        return ("?", term)

    rows = []
    for r in train:
        d = docs.get(r["id"])
        lang = SAME.get(r["language"], r["language"])
        if d is None or r["theme"] == "offtopic" or d["country_off"] or SAME.get(d["lang"], d["lang"]) not in TABLED:
            continue
        # Per part: the body's damped counts, the title's and the lead's
        # terms once (they are weighted by title_weight and lead_weight).
        parts = []
        for part in ("body", "title", "lead"):
            feats: dict[tuple[str, str], float] = {}
            for term, n in d[part].items():
                v = 1.0 + math.log(n) if part == "body" else 1.0
                feats[feature_of(d["lang"], term)] = feats.get(feature_of(d["lang"], term), 0.0) + v
            parts.append({k: v / d["norm"] for k, v in feats.items()})
        rows.append((r, d, parts))
    print(f"fitting on {len(rows)} on-topic train articles, {len(entries)} weights", file=sys.stderr)

    index = {(lang, term): [] for _, lang, term, _ in entries}
    for k, (ti, lang, term, _) in enumerate(entries):
        index[(lang, term)].append(k)
    n, p, K = len(rows), len(entries), len(THEMES)
    # XS[part][d, k]: the feature value of entry k's term in document d's
    # body, title or lead; X combines them with the part weights.
    XS = np.zeros((3, n, p))
    P = np.zeros((n, 2))
    y = np.zeros(n, dtype=int)
    for i, (r, d, parts) in enumerate(rows):
        for j, feats in enumerate(parts):
            for key, v in feats.items():
                for k in index.get(key, []):
                    XS[j, i, k] = v
        P[i] = [d["places"] / d["norm"], d["title_places"] / d["norm"]]
        y[i] = THEMES.index(r["theme"])
    lw = float(settings.get("lead_weight", 0.0))
    X = XS[0] + tw * XS[1] + lw * XS[2]
    theme_of = np.array([e[0] for e in entries])
    w0 = np.array([e[3] for e in entries])
    M = np.zeros((p, K))
    M[np.arange(p), theme_of] = 1.0

    def scores(w, b, pw):
        s = X @ (M * w[:, None]) + b[None, :]
        s[:, 1] += P @ pw  # places count for local cooperation
        return s

    def loss(theta, w_prior, lam):
        w, b, pw = theta[:p], theta[p:p + K], theta[p + K:]
        s = scores(w, b, pw)
        s = s - s.max(axis=1, keepdims=True)
        lse = np.log(np.exp(s).sum(axis=1))
        ce = (lse - s[np.arange(n), y]).sum()
        pen = lam * ((w - w_prior) ** 2).sum() + 0.01 * (b ** 2).sum()
        prob = np.exp(s - lse[:, None])
        prob[np.arange(n), y] -= 1.0
        gw = ((X.T @ prob) * M).sum(axis=1) + 2 * lam * (w - w_prior)
        gb = prob.sum(axis=0) + 0.02 * b
        gp = P.T @ prob[:, 1]
        return ce + pen, np.concatenate([gw, gb, gp])

    # One scale for the hand-set weights first, then each weight.
    best_alpha, best_l = 1.0, float("inf")
    for alpha in [0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5]:
        l, _ = loss(np.concatenate([alpha * w0, np.zeros(K), np.zeros(2)]), alpha * w0, 0.0)
        if l < best_l:
            best_alpha, best_l = alpha, l
    prior = best_alpha * w0
    theta0 = np.concatenate([prior, np.zeros(K), [settings.get("place_weight", {}).get("local-cooperation", 0.0) * best_alpha, 0.0]])
    bounds = [(0, None)] * p + [(None, None)] * K + [(0, None)] * 2

    def fit(lam, mask):
        nonlocal X, P, y, n
        full = (X, P, y, n)
        X, P, y, n = X[mask], P[mask], y[mask], int(mask.sum())
        try:
            return minimize(loss, theta0, args=(prior, lam), jac=True, method="L-BFGS-B", bounds=bounds)
        finally:
            X, P, y, n = full

    # The pull towards the hand-set weights, by five-fold cross-validation
    # with whole outlets held out (as the test split holds out outlets).
    outlets = sorted({r["outlet"] for r, _, _ in rows})
    fold = np.array([outlets.index(r["outlet"]) % 5 for r, _, _ in rows])
    lam = args.lam
    lead_choices = [lw] if args.lead is None else args.lead
    if lam is None or len(lead_choices) > 1:
        cv = {}
        for lead in lead_choices:
            X = XS[0] + tw * XS[1] + lead * XS[2]
            for cand in [0.1, 0.3, 1.0, 3.0, 10.0, 30.0] if lam is None else [lam]:
                right = 0
                for f in range(5):
                    r_ = fit(cand, fold != f)
                    wf, bf, pf = r_.x[:p], r_.x[p:p + K], r_.x[p + K:]
                    sf = scores(wf, bf, pf)[fold == f]
                    right += int((sf.argmax(axis=1) == y[fold == f]).sum())
                print(f"lead_weight {lead}, lambda {cand}: cross-validated accuracy {right / n:.3f}", file=sys.stderr)
                cv[(lead, cand)] = right / n
        # The one-standard-error rule: the strongest pull (and, at that
        # pull, the smallest lead weight) whose accuracy is within one
        # standard error of the best, against fitting noise.
        top = max(cv.values())
        se = math.sqrt(top * (1 - top) / n)
        lam = max(c for (_, c), a in cv.items() if a >= top - se)
        lw = min(l for (l, c), a in cv.items() if c == lam and a >= top - se)
    elif args.lead:
        lw = args.lead[0]
    X = XS[0] + tw * XS[1] + lw * XS[2]
    res = fit(lam, np.ones(n, dtype=bool))
    w, b, pw = res.x[:p], res.x[p:p + K], res.x[p + K:]
    s = scores(w, b, pw)
    acc = (s.argmax(axis=1) == y).mean()
    print(f"scale {best_alpha}, lambda {lam}, lead_weight {lw}, train accuracy {acc:.3f} ({res.message})", file=sys.stderr)

    # min_theme_score: among train articles the country rule lets through,
    # the cut that best separates on-topic from off-topic by their best score.
    best_scores = []
    for r in train:
        d = docs.get(r["id"])
        if d is None or d["country_off"]:
            continue
        x = np.zeros(p)
        for term, cnt in d["body"].items():
            for k in index.get(feature_of(d["lang"], term), []):
                x[k] += (1.0 + math.log(cnt)) / d["norm"]
        for part, pw_ in (("title", tw), ("lead", lw)):
            for term in d[part]:
                for k in index.get(feature_of(d["lang"], term), []):
                    x[k] += pw_ / d["norm"]
        sc = (x[:, None] * M * w[:, None]).sum(axis=0) + b
        sc[1] += pw[0] * d["places"] / d["norm"] + pw[1] * d["title_places"] / d["norm"]
        matched = bool(d["body"] or d["title"])
        best_scores.append((sc.max() if matched else -1e9, r["theme"] == "offtopic"))
    cuts = sorted({round(v, 2) for v, _ in best_scores if v > -1e8})
    min_theme, gain = 0.0, 0
    for c in [0.0] + cuts:
        g = sum(1 for v, off in best_scores if v < c and off) - sum(1 for v, off in best_scores if v < c and not off)
        if g > gain:
            min_theme, gain = c, g
    print(f"min_theme_score {min_theme:.2f} (flags {gain} more off-topic than on-topic on train)", file=sys.stderr)

    if args.dry_run:
        return 0
    # Write the numbers back in place.
    new = {(THEMES[e[0]], e[1], e[2]): round(float(v), 2) for e, v in zip(entries, w)}
    out, table = [], None
    for line in text.split("\n"):
        m = re.match(r"\[themes\.([a-z0-9-]+)\.([a-z]+)\]", line)
        if m:
            table = (m.group(1), m.group(2))
        elif line.startswith("["):
            table = None
        m = re.match(r'^("(?:[^"\\]|\\.)*") = (-?[\d.]+)(.*)$', line)
        if table and m:
            term = tomllib.loads(f"k = {m.group(1)}")["k"]
            key = (table[0], table[1], term)
            if key in new:
                line = f"{m.group(1)} = {new[key]:g}{m.group(3)}"
        out.append(line)
    text = "\n".join(out)
    def set_setting(t: str, key: str, value: str) -> str:
        return re.sub(rf"(?m)^{key} = .*$", f"{key} = {value}", t, count=1)
    text = set_setting(text, "min_theme_score", f"{min_theme:.2f}")
    if re.search(r"(?m)^lead_weight = ", text):
        text = set_setting(text, "lead_weight", f"{lw:g}")
    else:
        text = re.sub(r"(?m)^(title_weight = .*)$", rf"\1\nlead_weight = {lw:g}", text, count=1)
    text = set_setting(text, "threshold", f"{max(0.1, float(settings['threshold']) * best_alpha):.2f}")
    text = re.sub(r"(?ms)^\[settings\.place_weight\]\n.*?(?=\n\n)", f"[settings.place_weight]\nlocal-cooperation = {pw[0]:.2f}", text, count=1)
    text = re.sub(r"(?ms)^\[settings\.title_place_weight\]\n.*?(?=\n\n)", f"[settings.title_place_weight]\nlocal-cooperation = {pw[1]:.2f}", text, count=1)
    bias = "\n".join(f"{t} = {v:.2f}" for t, v in zip(THEMES, b))
    if "[settings.bias]" in text:
        text = re.sub(r"(?ms)^\[settings\.bias\]\n.*?(?=\n\n)", f"[settings.bias]\n{bias}", text, count=1)
    else:
        text = text.replace("\n[settings.title_place_weight]", f"\n[settings.bias]\n{bias}\n\n[settings.title_place_weight]", 1)
    THEMES_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {THEMES_FILE.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
