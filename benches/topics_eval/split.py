"""Fixed split of the tagged articles: 30% held-out dev (md5(id) % 10 < 3), 70% train.

Writes NAME_gold_{dev,train}.jsonl (with tags, for scoring/fitting) and NAME_in_{dev,train}.jsonl
(tags removed: the only files `goftar process` ever sees).
"""
import hashlib
import json
import os

from common import FILES, NEWS, work

for name, file in FILES.items():
    outs = {k: open(work(f'{name}_{k}.jsonl'), 'w') for k in ['gold_dev', 'in_dev', 'gold_train', 'in_train']}
    for line in open(os.path.join(NEWS, file)):
        article = json.loads(line)
        if not article.get('tags'):
            continue
        part = 'dev' if int(hashlib.md5(article['id'].encode()).hexdigest(), 16) % 10 < 3 else 'train'
        outs['gold_' + part].write(json.dumps(article, ensure_ascii=False) + '\n')
        article['tags'] = None
        outs['in_' + part].write(json.dumps(article, ensure_ascii=False) + '\n')
    for f in outs.values():
        f.close()
print('split written to', work(''))
