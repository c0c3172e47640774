"""Fits the learnt parts of work-order triage into services/workorders/chalicelib/domain/triage_model.json.

    .venv/bin/python tools/fit_triage.py

Deterministic (no randomness; folds by row index). Uses three disjoint sets:

- fit: tests/data/triage-styles/fit.jsonl plus the older hotline-style sets tests/data/triage-dev.jsonl
  and tests/data/triage-extra.jsonl. The naive Bayes counts come from these; the weight of the
  model against the lexicon is chosen by 5-fold cross-validation on the styles fit split.
- calibration: tests/data/triage-styles/calibration.jsonl. Only the softmax temperature and the
  auto-dispatch threshold are chosen here.
- held-out: tests/data/triage-styles/heldout.jsonl is never read by this script.

pypinyin (fit time only, pinned in services/catalog/requirements.txt) gives the fuzzy sound table
for the GB2312 characters; the runtime reads the table from the JSON and never imports pypinyin.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "services" / "workorders"))
DATA = ROOT / "tests" / "data"
STYLES = DATA / "triage-styles"
LEXICON = ROOT / "services" / "workorders" / "chalicelib" / "domain" / "triage_lexicon.json"
ALPHA = 0.5  # additive smoothing
MIN_DOCS = 2  # a feature seen in a single request is noise
AUTO_PRECISION = 0.99  # the threshold is the lowest whose calibration precision reaches this
WEIGHTS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0)
TEMPERATURES = tuple(round(0.1 * k, 2) for k in range(2, 31))


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def pinyin_table() -> dict[str, str]:
    import chalicelib.domain.triage as triage
    from pypinyin import Style, lazy_pinyin

    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    table: dict[str, list[str]] = defaultdict(list)
    for ch in chars:
        syllable = lazy_pinyin(ch, style=Style.NORMAL)[0]
        if syllable.isascii() and syllable.isalpha():
            table[triage._fuzzy_syllable(syllable)].append(ch)
    return {syllable: "".join(sorted(chs)) for syllable, chs in sorted(table.items())}


def fuzzy_terms(table: dict[str, str]) -> dict[str, list[str]]:
    """Lexicon terms of two or more Chinese characters by fuzzy sound key ("lu deng")."""
    import chalicelib.domain.triage as triage

    syllable = {ch: syl for syl, chars in table.items() for ch in chars}
    by_key: dict[str, list[str]] = defaultdict(list)
    for term in sorted(triage._LEX.cjk_terms):
        if len(term) >= 2 and triage._LEX.weights[term] and all(ch in syllable for ch in term):
            by_key[" ".join(syllable[ch] for ch in term)].append(term)
    return dict(sorted(by_key.items()))


def write(model: dict[str, Any]) -> Any:
    import chalicelib.domain.triage as triage

    triage.MODEL_PATH.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return importlib.reload(triage)


def features_of(triage: Any, text: str) -> dict[str, float]:
    scored = triage._strip_negated(triage.normalise(text))
    return triage._ngrams(scored, triage._clause_weights(scored))


def train(docs: list[tuple[dict[str, float], int]], n_cats: int) -> tuple[list[float], dict[str, list[tuple[int, float]]]]:
    doc_freq: dict[str, int] = defaultdict(int)
    for feats, _ in docs:
        for gram in feats:
            doc_freq[gram] += 1
    vocab = {gram for gram, df in doc_freq.items() if df >= MIN_DOCS}
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    totals = [0] * n_cats
    for feats, cat in docs:
        for gram in feats:
            if gram in vocab:
                counts[gram][cat] += 1
                totals[cat] += 1
    size = len(vocab)
    base = [round(math.log(ALPHA / (totals[c] + ALPHA * size)), 4) for c in range(n_cats)]
    table = {
        gram: sorted((cat, round(math.log((n + ALPHA) / ALPHA), 3)) for cat, n in per_cat.items())
        for gram, per_cat in sorted(counts.items())
    }
    return base, table


def nb_scores(feats: dict[str, float], base: list[float], table: dict[str, list[tuple[int, float]]]) -> list[float]:
    """The model's contribution before its weight: as in triage._analyse with nb_weight 1."""
    n_cats = len(base)
    nb = [0.0] * n_cats
    total = 0.0
    for gram, w in feats.items():
        pairs = table.get(gram)
        if pairs is None:
            continue
        total += w
        for cat, delta in pairs:
            nb[cat] += delta * w
    if not total:
        return [0.0] * n_cats
    nb = [s + total * base[c] for c, s in enumerate(nb)]
    best = max(nb)
    return [(s - best) / math.sqrt(total) for s in nb]


def main() -> None:
    table = pinyin_table()
    model: dict[str, Any] = {
        "_about": "Fitted by tools/fit_triage.py; see tests/data/triage-styles/README.md. Do not edit by hand.",
        "lexicon_sha256": hashlib.sha256(LEXICON.read_bytes()).hexdigest(),
        "pinyin": table,
        "fuzzy_weight": 0.6,
        "fuzzy_terms": fuzzy_terms(table),
    }
    triage = write(model)  # lexicon + fuzzy sound only
    codes = list(triage._LEX.codes)
    index = {code: i for i, code in enumerate(codes)}

    fit_rows = load(STYLES / "fit.jsonl")
    older = load(DATA / "triage-dev.jsonl") + load(DATA / "triage-extra.jsonl")
    seen = {row["text"] for row in fit_rows}
    older = [row for row in older if row["text"] not in seen and not seen.add(row["text"])]  # type: ignore[func-returns-value]
    calibration = load(STYLES / "calibration.jsonl")

    def lexicon_raw(text: str) -> list[float]:
        analysis = triage._analyse(triage.normalise(text))
        return [a + b for a, b in zip(analysis["lexical"], analysis["backoff"], strict=True)]

    fit_docs = [(features_of(triage, row["text"]), index[row["category"]]) for row in fit_rows]
    older_docs = [(features_of(triage, row["text"]), index[row["category"]]) for row in older]

    # Weight of the model against the lexicon: 5-fold cross-validation on the styles fit split
    # (the older sets always train; the lexicon was hand-tuned on them, so they do not judge).
    folds = 5
    oof: list[tuple[list[float], list[float], int]] = []
    for fold in range(folds):
        train_docs = older_docs + [doc for k, doc in enumerate(fit_docs) if k % folds != fold]
        nb_base, nb_table = train(train_docs, len(codes))
        for k, (feats, cat) in enumerate(fit_docs):
            if k % folds == fold:
                oof.append((lexicon_raw(fit_rows[k]["text"]), nb_scores(feats, nb_base, nb_table), cat))

    def top1(weight: float) -> float:
        right = 0
        for lex, nb, cat in oof:
            raw = [a + weight * b for a, b in zip(lex, nb, strict=True)]
            right += max(range(len(raw)), key=lambda i: (raw[i], -i)) == cat
        return right / len(oof)

    by_weight = {w: top1(w) for w in WEIGHTS}
    weight = max(WEIGHTS, key=lambda w: (by_weight[w], -w))
    print("cross-validated top-1 on the fit split by model weight:", {w: round(v, 3) for w, v in by_weight.items()})
    print("model weight:", weight)

    nb_base, nb_table = train(older_docs + fit_docs, len(codes))
    model["naive_bayes"] = {"orders": [1, 2], "weight": weight, "base": nb_base, "features": nb_table}
    model["calibration"] = {"temperature": 1.0, "null_score": triage._LEX.null_score, "threshold": 2.0}
    triage = write(model)

    # Temperature (negative log-likelihood) and threshold on the calibration split only.
    raws = [(triage.scores(row["text"]), index[row["category"]]) for row in calibration]
    null = triage._LEX.null_score

    def probabilities(raw: list[float], t: float) -> list[float]:
        shift = max(max(raw), null) * t
        exps = [math.exp(s * t - shift) for s in raw]
        total = sum(exps) + math.exp(null * t - shift)
        return [e / total for e in exps]

    def nll(t: float) -> float:
        return -sum(math.log(max(probabilities(raw, t)[cat], 1e-12)) for raw, cat in raws) / len(raws)

    temperature = min(TEMPERATURES, key=nll)
    print(f"temperature {temperature} (calibration NLL {nll(temperature):.3f}; at 1.0: {nll(1.0):.3f})")
    scored = []
    for raw, cat in raws:
        probs = probabilities(raw, temperature)
        best = max(range(len(probs)), key=lambda i: (raw[i], -i))
        scored.append((probs[best], best == cat))
    scored.sort(key=lambda item: -item[0])
    threshold, right = 1.0, 0
    for k, (p, ok) in enumerate(scored, 1):
        right += ok
        if right / k >= AUTO_PRECISION and (k == len(scored) or scored[k][0] < p):
            threshold = p
    chosen = [ok for p, ok in scored if p >= threshold]
    print(f"threshold {threshold:.4f}: calibration coverage {len(chosen)}/{len(scored)}, precision {sum(chosen)}/{len(chosen)}")
    model["calibration"] = {"temperature": temperature, "null_score": null, "threshold": round(threshold, 4)}
    write(model)
    print("features:", len(table), "bytes:", triage.MODEL_PATH.stat().st_size)


if __name__ == "__main__":
    main()
