"""Learns the per-source table of phrases editors usually tag (src/topics/data/often_tagged.tsv, see
src/topics/untagged.rs) from the TRAIN split only: for each news source, the topics `goftar` shows
in the top 10 of at least MIN_SHOWN training articles that match (share half their words with) one
of the article's tags in at least MIN_MATCHED of them. They move to the front of the list shown.
Only sources with at least MIN_ARTICLES training articles get rows: on Fars (351 articles) the
2-fold cross-validated table lowered partial F1@5 on train (0.445 -> 0.442), on Varzesh3 (1317)
it raised it (0.510 -> 0.528).

Reads NAME_gold_train.jsonl and out_NAME_train/articles.jsonl from a run WITHOUT this table (but
with the untagged one: `GOFTAR_TOPIC_OFTEN=off benches/topics_eval/eval.sh train`).

usage: often_tagged.py [--cv]   --cv: 2-fold cross-validated exact/partial F1@5 on TRAIN per
threshold pair (no write).
"""
import collections
import os
import sys

from common import REPO
from fa_fold import tokens
from tag_forms import cross_fitted, f1_at_5, load
from untagged import shown_and_matched

MIN_SHOWN = 3  # as untagged.rs
MIN_MATCHED = 0.4  # as untagged.rs
SHOWN = 10
MIN_ARTICLES = 800


def count(arts):
    """{(source, form tokens): (shown, matched)}."""
    return shown_and_matched(arts, SHOWN)


def learn(arts, min_shown=MIN_SHOWN, min_matched=MIN_MATCHED, min_articles=MIN_ARTICLES):
    """{(source, form tokens)} editors usually tag."""
    articles = collections.Counter(a[3] for a in arts)
    return {k for k, (n, m) in count(arts).items()
            if n >= min_shown and m >= min_matched * n and articles[k[0]] >= min_articles}


def apply(topics, source, table):
    """As src/topics/mod.rs shows them: usually tagged phrases first, each group in rank order."""
    first = [t for t in topics if (source, tuple(tokens(t))) in table]
    return first + [t for t in topics if (source, tuple(tokens(t))) not in table]


def main():
    arts = load()
    if '--cv' in sys.argv:
        print('train without table (exact, partial F1@5):', f1_at_5(arts, {a[0]: a[1] for a in arts}))
        for min_shown in (3, 4, 6, 8):
            for min_matched in (0.3, 0.4, 0.5, 0.6, 0.7):
                outputs = cross_fitted(
                    arts, lambda half: learn(half, min_shown, min_matched, MIN_ARTICLES // 2),
                    lambda a, table: apply(a[1], a[3], table))
                print(f'min_shown {min_shown} min_matched {min_matched:.1f}:', f1_at_5(arts, outputs))
        return
    counts = count(arts)
    table = learn(arts)
    path = os.path.join(REPO, 'src', 'topics', 'data', 'often_tagged.tsv')
    with open(path, 'w') as f:
        f.write('# source\tphrase\tshown\tmatched (see benches/topics_eval/often_tagged.py)\n')
        for source, form in sorted(table):
            n, m = counts[source, form]
            f.write(f"{source}\t{' '.join(form)}\t{n}\t{m}\n")
    print(f'{len(table)} often tagged phrases written to {path}')


if __name__ == '__main__':
    main()
