"""Coordinate search of the ranking weights on the TRAIN split, scored end to end (`goftar
process` with its diversity step, as eval.sh does): each named weight is moved by ±step and kept
when pooled exact F1@5 + partial F1@5 on train rises. The keyphraseness weights are left alone
(their table was counted on train, so train overrates them).

usage: sweep.py START_WEIGHTS NAME[,NAME...] [--step 0.5] [--rounds 1]
START_WEIGHTS: comma-separated, in FEATURE_NAMES order (src/topics/score.rs DEFAULT_WEIGHTS).
Set BIN (default target/debug/goftar) as for eval.sh. Prints the best weights.
"""
import json
import os
import subprocess
import sys

from common import REPO

NAMES = ['bias', 'log_count', 'idf', 'in_title', 'lead', 'log_first_segment', 'first_position',
         'one_word', 'two_words', 'three_words', 'loose', 'unknown_words', 'head_noun',
         'wiki_frequency', 'cohesion', 'fragment', 'subsumed', 'speaker', 'spread', 'adjective',
         'title_likelihood', 'light_verb', 'time_words', 'idf_one_word', 'title_one_word',
         'log_count_one_word', 'idf_squared', 'title_head', 'name_like', 'part_repeated',
         'class_share', 'full_name', 'keyphrase_tagged', 'keyphrase_share']


def score(weights):
    env = dict(os.environ, GOFTAR_TOPIC_WEIGHTS=','.join(f'{w:.4f}' for w in weights))
    out = subprocess.run([os.path.join(REPO, 'benches', 'topics_eval', 'eval.sh'), 'train'],
                         env=env, capture_output=True, text=True, check=True).stdout
    pooled = json.loads(out.strip().splitlines()[-1].split(': ', 1)[1])
    return pooled['exact@5_p_r_f1'][2] + pooled['partial@5_p_r_f1'][2]


def main():
    weights = [float(x) for x in sys.argv[1].split(',')]
    names = sys.argv[2].split(',')
    step = float(sys.argv[sys.argv.index('--step') + 1]) if '--step' in sys.argv else 0.5
    rounds = int(sys.argv[sys.argv.index('--rounds') + 1]) if '--rounds' in sys.argv else 1
    best = score(weights)
    print(f'start {best:.4f}', file=sys.stderr)
    for _ in range(rounds):
        for name in names:
            i = NAMES.index(name)
            for delta in (step, -step):
                trial = list(weights)
                trial[i] += delta
                s = score(trial)
                print(f'{name} {trial[i]:+.3f}: {s:.4f}', file=sys.stderr)
                if s > best:
                    best, weights = s, trial
                    break
    print(f'best {best:.4f}', file=sys.stderr)
    print(','.join(f'{w:.4f}' for w in weights))


if __name__ == '__main__':
    main()
