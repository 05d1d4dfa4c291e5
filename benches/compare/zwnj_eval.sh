#!/usr/bin/env bash
# ZWNJ restoration quality: runs `goftar normalize` on the UD dev files with every ZWNJ deleted,
# replaced by a space, or kept, and scores each against the gold text with zwnj_score.py.
# Prints one line per (corpus, variant) with ZWNJ precision / recall / F1.
#
# usage: benches/compare/zwnj_eval.sh
# env:   SHARED (default: the first `shared` folder beside the repo or one of its parents),
#        GOFTAR (default target/release/goftar), OUT (default /tmp/goftar-zwnj-eval)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${SHARED:-}" ]; then
    dir=$PWD
    while [ "$dir" != / ]; do
        dir=$(dirname "$dir")
        if [ -d "$dir/shared/data/ud" ]; then SHARED=$dir/shared; break; fi
    done
fi
SHARED=${SHARED:-../shared}
GOFTAR=${GOFTAR:-target/release/goftar}
OUT=${OUT:-/tmp/goftar-zwnj-eval}
mkdir -p "$OUT"

for corpus in perdt seraji; do
    gold="$SHARED/data/ud/${corpus}_dev.txt"
    sed 's/\xe2\x80\x8c//g' "$gold" > "$OUT/$corpus.deleted.txt"
    sed 's/\xe2\x80\x8c/ /g' "$gold" > "$OUT/$corpus.spaced.txt"
    cp "$gold" "$OUT/$corpus.clean.txt"
    for variant in deleted spaced clean; do
        "$GOFTAR" normalize "$OUT/$corpus.$variant.txt" > "$OUT/$corpus.$variant.out"
        python3 "$SHARED/eval/zwnj_score.py" "$gold" "$OUT/$corpus.$variant.out" --json |
            python3 -c '
import json, sys
s = json.load(sys.stdin)
p, r, f = s["zwnj_p_r_f1"]
print(f"{sys.argv[1]:7} {sys.argv[2]:8} P {p:.3f} R {r:.3f} F1 {f:.3f}")
' "$corpus" "$variant"
    done
done
