#!/bin/bash
# Scores `goftar process` topics on the held-out (dev) or train split, per file.
# usage: benches/topics_eval/eval.sh [dev|train]   (BIN overrides the binary; run split.py first)
set -e
part=${1:-dev}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
shared=${GOFTAR_SHARED:-$repo/../shared}
work=${GOFTAR_TOPICS_EVAL:-/tmp/goftar_topics_eval}
BIN=${BIN:-$repo/target/debug/goftar}
for n in fars varzesh3 news; do
  rm -rf "$work/out_${n}_$part"
  "$BIN" process "$work/${n}_in_$part.jsonl" --out "$work/out_${n}_$part" --no-index --quiet
  echo "$n $part: $(python3 "$shared/eval/topics_score.py" "$work/${n}_gold_$part.jsonl" "$work/out_${n}_$part/articles.jsonl" --json)"
done
cat "$work"/{fars,varzesh3,news}_gold_$part.jsonl > "$work/pooled_gold_$part.jsonl"
cat "$work"/out_{fars,varzesh3,news}_$part/articles.jsonl > "$work/pooled_out_$part.jsonl"
echo "pooled $part: $(python3 "$shared/eval/topics_score.py" "$work/pooled_gold_$part.jsonl" "$work/pooled_out_$part.jsonl" --json)"
