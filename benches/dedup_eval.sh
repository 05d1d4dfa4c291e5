#!/usr/bin/env bash
# De-duplication quality table over planted benchmarks (issue 4).
#
# Builds (once) benchmarks with ../shared/eval/make_dedup_bench.py from three news files and a set of
# seeds, runs `goftar process --no-index` on each and scores it with ../shared/eval/dedup_score.py.
#
# usage:  benches/dedup_eval.sh [SEEDS...]          default seeds: 7 11 23 31 47 (fresh check: 101 102 103 104 105)
# env:    GOFTAR=path/to/goftar   (default target/debug/goftar; build it first with `cargo build`)
#         BENCH_DIR=/tmp/dd2/bench  OUT_DIR=/tmp/dd2/out   FILES="fars_news varzesh3 news_2025_4agencies"
# prints: one row per benchmark (duplicates, removed, wrongly removed, precision, recall) and a pooled row.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
[ -d "$shared" ] || shared=/work/shared
goftar="${GOFTAR:-$root/target/debug/goftar}"
bench_dir="${BENCH_DIR:-/tmp/dd2/bench}"
out_dir="${OUT_DIR:-/tmp/dd2/out}"
files="${FILES:-fars_news varzesh3 news_2025_4agencies}"
seeds="${*:-7 11 23 31 47}"
mkdir -p "$bench_dir" "$out_dir"
printf '%-32s %6s %7s %6s %9s %7s\n' bench dups removed wrong precision recall
tot_d=0 tot_r=0 tot_w=0
for f in $files; do
  for s in $seeds; do
    b="$bench_dir/b_${f}_$s"
    [ -s "$b/key.jsonl" ] || python3 "$shared/eval/make_dedup_bench.py" "$shared/data/news/$f.jsonl" "$b" --seed "$s" >/dev/null
    o="$out_dir/out_${f}_$s"
    "$goftar" process "$b/input.jsonl" --out "$o" --no-index -q >/dev/null 2>&1
    line=$(python3 "$shared/eval/dedup_score.py" "$b/key.jsonl" "$o/articles.jsonl" --json)
    read -r d r w p rc < <(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(j["duplicates"], j["removed"], j["wrongly_removed"], *j["p_r_f1"][:2])' "$line")
    printf '%-32s %6s %7s %6s %9s %7s\n' "${f}_$s" "$d" "$r" "$w" "$p" "$rc"
    tot_d=$((tot_d + d)) tot_r=$((tot_r + r)) tot_w=$((tot_w + w))
  done
done
python3 -c 'import sys; d,r,w=map(int,sys.argv[1:]); c=r-w; print("%-32s %6d %7d %6d %9.4f %7.4f" % ("pooled", d, r, w, c/max(r,1), c/max(d,1)))' $tot_d $tot_r $tot_w
