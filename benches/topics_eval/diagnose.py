"""Sorts the misses of the top 5 on a split into categories, to see where quality is lost.

For every gold tag not in an article's top 5: is it a candidate at all (and at which rank), is it
in the text verbatim, or does a candidate differ from it only by a plural/ezafe ending, an extra
word or a missing one? Reads NAME_gold_PART.jsonl, feat_NAME_PART.tsv (tests/topics_features.rs).

usage: diagnose.py [dev|train] [--show N]   (prints N example misses per category)
"""
import collections
import json
import sys

from common import FILES, work
from fa_fold import tokens

ENDINGS = ('های', 'ها', 'ی', 'ان', 'ات', 'یی')


def stem(word):
    for e in ENDINGS:
        if word.endswith(e) and len(word) - len(e) >= 2:
            return word[:-len(e)]
    return word


def main():
    part = next((a for a in sys.argv[1:] if a in ('dev', 'train')), 'dev')
    show = int(sys.argv[sys.argv.index('--show') + 1]) if '--show' in sys.argv else 0
    cats = collections.Counter()
    examples = collections.defaultdict(list)
    fp = collections.Counter()
    fp_examples = collections.defaultdict(list)
    for name in FILES:
        gold, texts = {}, {}
        for line in open(work(f'{name}_gold_{part}.jsonl')):
            a = json.loads(line)
            tags = {tuple(tokens(t)) for t in (a.get('tags') or [])} - {()}
            if len(tags) >= 2:
                gold[a['id']] = tags
                texts[a['id']] = ' '.join(tokens((a.get('title') or '') + ' . ' + (a.get('body') or a.get('text') or '')))
        ranked = collections.defaultdict(list)
        with open(work(f'feat_{name}_{part}.tsv')) as f:
            names = f.readline().rstrip('\n').split('\t')
            for line in f:
                p = line.rstrip('\n').split('\t')
                ranked[p[0]].append((p[1], tuple(tokens(p[2])), dict(zip(names[3:], map(float, p[3:])))))
        for aid, tags in gold.items():
            rows = ranked.get(aid, [])
            top = [t for _, t, _ in rows[:5]]
            cand = {t: i for i, (_, t, _) in reversed(list(enumerate(rows)))}
            text = ' ' + texts[aid] + ' '
            for tag in tags:
                if tag in top:
                    c = 'hit'
                elif tag in cand:
                    r = cand[tag]
                    c = 'candidate rank 6-10' if r < 10 else 'candidate rank 11-30' if r < 30 else 'candidate rank >30'
                else:
                    verbatim = (' ' + ' '.join(tag) + ' ') in text
                    st = tuple(stem(w) for w in tag)
                    variant = [t for t in cand if tuple(stem(w) for w in t) == st]
                    longer = [t for t in cand if len(t) > len(tag) and any(t[i:i + len(tag)] == tag for i in range(len(t)))]
                    shorter = [t for t in cand if len(t) < len(tag) and any(tag[i:i + len(t)] == t for i in range(len(tag))) and len(t) >= len(tag) - 1]
                    if variant:
                        c = 'variant of a candidate'
                    elif verbatim and longer:
                        c = 'verbatim, only inside a longer candidate'
                    elif verbatim:
                        c = 'verbatim, not a candidate'
                    elif shorter:
                        c = 'absent, a shorter candidate exists'
                    else:
                        c = 'absent from text'
                    if variant:
                        examples[c].append((name, ' '.join(tag), ' '.join(variant[0]), cand[variant[0]]))
                        cats[c] += 1
                        continue
                cats[c] += 1
                examples[c].append((name, ' '.join(tag), '', cand.get(tag, -1)))
            for t in top:
                if t not in tags:
                    key, _, f = next(r for r in rows if r[1] == t)
                    partial = any(len(set(t) & set(g)) / len(set(t) | set(g)) >= 0.5 for g in tags)
                    k = ('partial ' if partial else 'wrong ') + f'{len(t)}-word'
                    fp[k] += 1
                    fp_examples[k].append((name, ' '.join(t), ' | '.join(' '.join(g) for g in tags)))
    total = sum(cats.values())
    print(f'gold tags: {total}')
    for c, n in cats.most_common():
        print(f'  {c:45s} {n:5d}  {n / total:.3f}')
        for e in examples[c][:show]:
            print('      ', e)
    print('false positives in top 5:')
    for c, n in fp.most_common():
        print(f'  {c:45s} {n:5d}')
        for e in fp_examples[c][:show]:
            print('      ', e)


if __name__ == '__main__':
    main()
