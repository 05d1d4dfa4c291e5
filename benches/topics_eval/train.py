"""Fits the linear ranking weights by logistic regression on the TRAIN part only.

Reads NAME_gold_train.jsonl and feat_NAME_train.tsv (dumped by tests/topics_features.rs) and prints
the weights, comma-separated in FEATURE_NAMES order (bias first), for GOFTAR_TOPIC_WEIGHTS or
src/topics/score.rs. A candidate is positive when its folded tokens equal a tag's. Negatives are
subsampled (15 per positive) and re-weighted; every file weighs the same.
"""
import math
import random
import sys

from common import work
from fa_fold import tokens

random.seed(0)
files = [a for a in sys.argv[1:]] or ['fars', 'varzesh3', 'news']
rows = []
for name in files:
    gold = {}
    import json
    for line in open(work(f'{name}_gold_train.jsonl')):
        article = json.loads(line)
        tags = [tuple(tokens(t)) for t in (article.get('tags') or [])]
        tags = [t for t in tags if t]
        if len(set(tags)) >= 2:
            gold[article['id']] = tags
    found = []
    with open(work(f'feat_{name}_train.tsv')) as f:
        header = f.readline().rstrip('\n').split('\t')
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if parts[0] not in gold:
                continue
            y = 1.0 if tuple(tokens(parts[2])) in gold[parts[0]] else 0.0
            found.append(([float(v) for v in parts[3:]], y))
    pos = [r for r in found if r[1] > 0]
    neg = [r for r in found if r[1] == 0]
    keep = random.sample(neg, min(len(neg), len(pos) * 15))
    file_weight = 100000.0 / max(1, len(found))
    neg_weight = len(neg) / max(1, len(keep))
    print(name, len(found), 'positives', len(pos), file=sys.stderr)
    rows += [(x, y, file_weight) for x, y in pos] + [(x, y, file_weight * neg_weight) for x, y in keep]
names = header[3:]
K = len(names)
# Standardized features make one learning rate fit all; column 0 is the bias.
mu = [sum(r[0][k] for r in rows) / len(rows) for k in range(K)]
sd = [math.sqrt(sum((r[0][k] - mu[k]) ** 2 for r in rows) / len(rows)) or 1.0 for k in range(K)]
mu[0], sd[0] = 0.0, 1.0
Z = [([(r[0][k] - mu[k]) / sd[k] for k in range(K)], r[1], r[2]) for r in rows]
w = [0.0] * K
m = [0.0] * K
v = [0.0] * K
lr, l2, t = 0.05, 1e-3, 0
for epoch in range(25):
    random.shuffle(Z)
    loss = 0.0
    for i in range(0, len(Z), 256):
        g = [0.0] * K
        batch = Z[i:i + 256]
        for x, y, wt in batch:
            s = max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x))))
            p = 1 / (1 + math.exp(-s))
            d = (p - y) * wt
            loss += -wt * (y * math.log(p + 1e-12) + (1 - y) * math.log(1 - p + 1e-12))
            for k in range(K):
                g[k] += d * x[k]
        t += 1
        for k in range(K):  # Adam
            gk = g[k] / len(batch) + l2 * w[k]
            m[k] = 0.9 * m[k] + 0.1 * gk
            v[k] = 0.999 * v[k] + 0.001 * gk * gk
            w[k] -= lr * (m[k] / (1 - 0.9 ** t)) / (math.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8)
    print('epoch', epoch, loss / len(Z), file=sys.stderr)
raw = [w[k] / sd[k] for k in range(K)]
raw[0] = w[0] - sum(w[k] * mu[k] / sd[k] for k in range(1, K))
for n, r in zip(names, raw):
    print(f'{n:20s} {r:8.3f}', file=sys.stderr)
print(','.join(f'{r:.4f}' for r in raw))
