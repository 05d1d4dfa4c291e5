"""Fits the linear ranking weights on the TRAIN part only, and builds the keyphraseness table.

Reads NAME_gold_train.jsonl and feat_NAME_train.tsv (dumped by tests/topics_features.rs).
A candidate is positive when its folded tokens equal one of the article's tags.

Loss: listwise (softmax over each article's candidates, the tags as targets), which ranks within an
article directly, unlike a pooled logistic regression.

Keyphraseness (KEA, Witten et al. 1999): how often editors chose a phrase when it was a candidate.
The last two feature columns are recomputed here by cross-fitting (each training article sees the
counts of the other half only), so the weights learn how much the prior is worth on articles whose
tags it never counted. The table itself (all of TRAIN, phrases tagged at least KEY_MIN_TAGGED times)
is written to src/topics/data/keyphrases.tsv.

usage: train.py [--cv]    --cv: 2-fold cross-validated P/R/F1@5 on TRAIN instead of fitting.
Prints the weights, comma-separated in FEATURE_NAMES order, for GOFTAR_TOPIC_WEIGHTS or score.rs.
"""
import collections
import hashlib
import json
import math
import os
import random
import sys

from common import FILES, REPO, work
from fa_fold import tokens

KEY_MIN_TAGGED = 2
KP_NAMES = ['keyphrase_tagged', 'keyphrase_share']  # the last feature columns
KP_COLUMNS = len(KP_NAMES)


# Target of a candidate that only partly matches a tag (shares half its words, as the scorer's
# partial match): editors' tags are often a word longer or shorter than the text's phrase.
PARTIAL_TARGET = float(os.environ.get('GOFTAR_PARTIAL_TARGET', '0'))


def partial_match(p, t):
    a, b = set(p), set(t)
    return len(a & b) / len(a | b) >= 0.5 if a | b else False


def target(text, tags):
    p = tuple(tokens(text))
    if p in tags:
        return 1.0
    if PARTIAL_TARGET and any(partial_match(p, t) for t in tags):
        return PARTIAL_TARGET
    return 0.0


def fold_of(aid):
    return int(hashlib.md5(aid.encode()).hexdigest(), 16) % 2


def load():
    groups = []  # (file, id, [(key, text, features)], tags)
    for name in FILES:
        gold = {}
        for line in open(work(f'{name}_gold_train.jsonl')):
            article = json.loads(line)
            tags = {tuple(tokens(t)) for t in (article.get('tags') or [])} - {()}
            if len(tags) >= 2:
                gold[article['id']] = tags
        arts = collections.OrderedDict()
        with open(work(f'feat_{name}_train.tsv')) as f:
            names = f.readline().rstrip('\n').split('\t')[3:]
            # A dump from before the keyphraseness columns: they are recomputed here anyway.
            names += [n for n in KP_NAMES if n not in names]
            for line in f:
                p = line.rstrip('\n').split('\t')
                if p[0] in gold:
                    f = [float(v) for v in p[3:]] + [0.0] * (len(names) - len(p) + 3)
                    arts.setdefault(p[0], []).append((p[1], p[2], f))
        groups += [(name, aid, rows, gold[aid]) for aid, rows in arts.items()]
    return names, groups


def kp_counts(groups):
    tagged, present = collections.Counter(), collections.Counter()
    for _, _, rows, tags in groups:
        for key, text, _ in rows:
            present[key] += 1
            tagged[key] += tuple(tokens(text)) in tags
    return tagged, present


def kp_features(key, tagged, present):
    t = tagged.get(key, 0)
    if t < KEY_MIN_TAGGED:
        return [0.0, 0.0]
    return [math.log(1 + t), t / (present.get(key, 0) + 2.0)]


def with_kp(groups, tables, only_learnable=True):
    """Rows as (x, y, text) with the keyphraseness columns from the table of the other fold."""
    out = []
    for name, aid, rows, tags in groups:
        tagged, present = tables[fold_of(aid)]
        data = [(f[:-KP_COLUMNS] + kp_features(k, tagged, present), target(t, tags), t)
                for k, t, f in rows]
        if not only_learnable or any(y for _, y, _ in data):
            out.append((name, aid, data, tags))
    return out


def fit(groups, K, epochs=20, l2=1e-3, lr=0.05, seed=0):
    random.seed(seed)
    xs = [x for _, _, rows, _ in groups for x, _, _ in rows]
    mu = [sum(x[k] for x in xs) / len(xs) for k in range(K)]
    sd = [math.sqrt(sum((x[k] - mu[k]) ** 2 for x in xs) / len(xs)) or 1.0 for k in range(K)]
    mu[0], sd[0] = 0.0, 1.0
    Z = [([[(x[k] - mu[k]) / sd[k] for k in range(K)] for x, _, _ in rows], [y for _, y, _ in rows])
         for _, _, rows, _ in groups]
    w, m, v, t = [0.0] * K, [0.0] * K, [0.0] * K, 0
    for _ in range(epochs):
        random.shuffle(Z)
        for i in range(0, len(Z), 32):
            g = [0.0] * K
            for X, Y in Z[i:i + 32]:
                s = [sum(a * b for a, b in zip(w, x)) for x in X]
                top = max(s)
                e = [math.exp(q - top) for q in s]
                total = sum(e)
                positives = sum(Y)
                for j, x in enumerate(X):
                    d = e[j] / total - Y[j] / positives
                    for k in range(K):
                        g[k] += d * x[k]
            t += 1
            for k in range(K):  # Adam
                gk = g[k] / 32 + l2 * w[k]
                m[k] = 0.9 * m[k] + 0.1 * gk
                v[k] = 0.999 * v[k] + 0.001 * gk * gk
                w[k] -= lr * (m[k] / (1 - 0.9 ** t)) / (math.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8)
    raw = [w[k] / sd[k] for k in range(K)]
    raw[0] = 0.0  # a constant does not change a ranking within an article
    return raw


def f1_at_5(groups, ranked, partial=False):
    tp_p = tp_r = n_p = n_g = 0
    for _, aid, _, tags in groups:
        preds = [p for p in (tuple(tokens(x)) for x in ranked[aid]) if p][:5]
        if partial:
            tp_p += sum(any(partial_match(p, t) for t in tags) for p in preds)
            tp_r += sum(any(partial_match(p, t) for p in preds) for t in tags)
        else:
            tp_p += sum(p in tags for p in preds)
            tp_r += sum(t in preds for t in tags)
        n_p += len(preds)
        n_g += len(tags)
    p, r = tp_p / max(1, n_p), tp_r / max(1, n_g)
    return round(2 * p * r / (p + r) if p + r else 0.0, 4)


def rank(rows, w):
    return [t for _, t in sorted(((sum(a * b for a, b in zip(w, x)), t) for x, _, t in rows),
                                 key=lambda z: -z[0])]


def main():
    names, groups = load()
    K = len(names)
    halves = {h: [g for g in groups if fold_of(g[1]) == h] for h in (0, 1)}
    # Table of fold h: counted on the other half, for the articles of half h.
    tables = {h: kp_counts(halves[1 - h]) for h in (0, 1)}
    if '--cv' in sys.argv:
        ranked = {}
        for h in (0, 1):
            inner = {i: kp_counts([g for g in halves[1 - h] if fold_of(g[1][::-1]) != i])
                     for i in (0, 1)}
            # Training half: cross-fitted within itself; held-out half: the training half's counts.
            train_rows = []
            for name, aid, rows, tags in halves[1 - h]:
                tagged, present = inner[fold_of(aid[::-1])]
                data = [(f[:-KP_COLUMNS] + kp_features(k, tagged, present),
                         target(t, tags), t) for k, t, f in rows]
                if any(y for _, y, _ in data):
                    train_rows.append((name, aid, data, tags))
            w = fit(train_rows, K)
            for name, aid, data, tags in with_kp(halves[h], {h: tables[h]}, False):
                ranked[aid] = rank(data, w)
        for name in FILES:
            part = [g for g in groups if g[0] == name and g[1] in ranked]
            print(name, 'exact/partial F1@5', f1_at_5(part, ranked), f1_at_5(part, ranked, True))
        pooled = [g for g in groups if g[1] in ranked]
        print('pooled exact/partial F1@5', f1_at_5(pooled, ranked), f1_at_5(pooled, ranked, True))
        return
    w = fit(with_kp(groups, tables), K)
    for n, x in zip(names, w):
        print(f'{n:20s} {x:8.3f}', file=sys.stderr)
    print(','.join(f'{x:.4f}' for x in w))
    tagged, present = kp_counts(groups)
    path = os.path.join(REPO, 'src', 'topics', 'data', 'keyphrases.tsv')
    with open(path, 'w') as out:
        out.write('# key\ttagged\tpresent (see benches/topics_eval/train.py)\n')
        for key in sorted(k for k, t in tagged.items() if t >= KEY_MIN_TAGGED):
            out.write(f'{key}\t{tagged[key]}\t{present[key]}\n')
    print('wrote', path, file=sys.stderr)


if __name__ == '__main__':
    main()
