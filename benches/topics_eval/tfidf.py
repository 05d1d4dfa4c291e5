"""TF-IDF 1-3-gram baseline on the dev split (document frequencies from all shared news)."""
import collections
import glob
import json
import math
import os
import subprocess

from common import FILES, NEWS, SCORER, SHARED, work
from fa_fold import tokens

stop = set(tokens(open(os.path.join(SHARED, 'data', 'lexicons', 'hazm', 'stopwords.dat')).read()))


def grams(article):
    t = tokens((article.get('title') or '') + ' \n ' + (article.get('body') or ''))
    out = []
    for n in (1, 2, 3):
        for i in range(len(t) - n + 1):
            g = t[i:i + n]
            if g[0] in stop or g[-1] in stop or any(x.isdigit() for x in g):
                continue
            out.append(' '.join(g))
    return out


df = collections.Counter()
docs = 0
for path in glob.glob(os.path.join(NEWS, '*.jsonl')):
    for line in open(path):
        df.update(set(grams(json.loads(line))))
        docs += 1
for name in FILES:
    out = work(f'tfidf_{name}.jsonl')
    with open(out, 'w') as o:
        for line in open(work(f'{name}_in_dev.jsonl')):
            a = json.loads(line)
            tf = collections.Counter(grams(a))
            ranked = sorted(tf, key=lambda g: -tf[g] * math.log(docs / (df[g] + 1)))
            o.write(json.dumps({'id': a['id'], 'topics': ranked[:10]}, ensure_ascii=False) + '\n')
    score = subprocess.run(['python3', SCORER, work(f'{name}_gold_dev.jsonl'), out, '--json'],
                           capture_output=True, text=True).stdout.strip()
    print(name, score)
