"""Learns the per-source table of phrases editors do not tag (src/topics/data/untagged.tsv, see
src/topics/untagged.rs) from the TRAIN split only: for each news source, the topics `goftar` shows
in the top 5 of at least MIN_SHOWN training articles that match (share half their words with) one
of the article's tags in at most MAX_MATCHED of them (varzesh3 editors never tag `لیگ برتر` or
`فوتبال`: every article of theirs is about them).

Reads NAME_gold_train.jsonl and out_NAME_train/articles.jsonl from a run WITHOUT the table
(`GOFTAR_TOPIC_UNTAGGED=off benches/topics_eval/eval.sh train`).

usage: untagged.py [--cv]   --cv: 2-fold cross-validated exact/partial F1@5 on TRAIN per threshold
pair (no write).
"""
import collections
import os
import sys

from common import REPO
from fa_fold import tokens
from tag_forms import cross_fitted, f1_at_5, load

MIN_SHOWN = 4  # as untagged.rs
MAX_MATCHED = 0.1  # as untagged.rs
SHOWN = 5


def matches(a, b):
    return len(set(a) & set(b)) / len(set(a) | set(b)) >= 0.5


def shown_and_matched(arts, top):
    """{(source, form tokens): (articles showing it in their first `top` topics, of which matched a
    tag)}: both learned tables (this one and often_tagged.py's) count the same way."""
    shown, matched = collections.Counter(), collections.Counter()
    for _, topics, tags, source in arts:
        gold = [t for t in {tuple(tokens(t)) for t in tags} if t]
        for topic in topics[:top]:
            form = tuple(tokens(topic))
            if form:
                shown[source, form] += 1
                matched[source, form] += any(matches(form, g) for g in gold)
    return {k: (n, matched[k]) for k, n in shown.items()}


def count(arts):
    """{source: {form tokens: (shown, matched)}}."""
    table = collections.defaultdict(dict)
    for (source, form), counts in shown_and_matched(arts, SHOWN).items():
        table[source][form] = counts
    return table


def learn(arts, min_shown=MIN_SHOWN, max_matched=MAX_MATCHED):
    """{source: set of form tokens editors do not tag}."""
    return {s: {f for f, (n, m) in forms.items() if n >= min_shown and m <= max_matched * n}
            for s, forms in count(arts).items()}


def apply(topics, untagged):
    """As src/topics/mod.rs shows them: untagged phrases behind the others."""
    keep = [t for t in topics if tuple(tokens(t)) not in untagged]
    return keep + [t for t in topics if tuple(tokens(t)) in untagged]


def main():
    arts = load()
    if '--cv' in sys.argv:
        print('train without table (exact, partial F1@5):', f1_at_5(arts, {a[0]: a[1] for a in arts}))
        for min_shown in (4, 6, 8, 12, 20):
            for max_matched in (0.0, 0.05, 0.1, 0.15, 0.2, 0.3):
                outputs = cross_fitted(
                    arts, lambda half: learn(half, min_shown, max_matched),
                    lambda a, table: apply(a[1], table.get(a[3], set())))
                print(f'min_shown {min_shown:2d} max_matched {max_matched:.2f}:', f1_at_5(arts, outputs))
        return
    counts = count(arts)
    table = learn(arts)
    path = os.path.join(REPO, 'src', 'topics', 'data', 'untagged.tsv')
    with open(path, 'w') as f:
        f.write('# source\tphrase\tshown\tmatched (see benches/topics_eval/untagged.py)\n')
        for source in sorted(table):
            for form in sorted(table[source]):
                n, m = counts[source][form]
                f.write(f"{source}\t{' '.join(form)}\t{n}\t{m}\n")
    print(f'{sum(map(len, table.values()))} untagged phrases written to {path}')


if __name__ == '__main__':
    main()
