#!/bin/bash
# Refits the ranking weights on the TRAIN split: dumps features, runs train.py (which also rewrites
# src/topics/data/keyphrases.tsv), rebuilds, scores dev with the new weights.
# Prints the weights to paste into src/topics/score.rs. Run split.py first.
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${GOFTAR_TOPICS_EVAL:-/tmp/goftar_topics_eval}
cd "$repo"
for n in fars varzesh3 news; do
  GOFTAR_TOPICS_DUMP_IN=$work/${n}_in_train.jsonl GOFTAR_TOPICS_DUMP_OUT=$work/feat_${n}_train.tsv \
    cargo test --test topics_features -- --ignored --quiet
done
python3 "$here/train.py" 2>"$work/train.log" >"$work/weights.txt"
cat "$work/weights.txt"
cargo build --quiet
GOFTAR_TOPIC_WEIGHTS=$(cat "$work/weights.txt") "$here/eval.sh" dev
