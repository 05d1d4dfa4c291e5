#!/usr/bin/env bash
# End-to-end throughput and peak memory of `goftar process` on real news.
#
# Concatenates ../shared/data/news/*.jsonl, repeated under new ids until the corpus reaches SIZE_MB
# (default 100), runs `goftar process --threads 2` on it, and prints MB/s and peak RSS. Run it with two
# sizes to see that memory stays flat as the input grows:
#   benches/process.sh 100 && benches/process.sh 200
# The copies repeat every line, which `process` normalizes once; DISTINCT=1 marks each copy's lines
# with its number instead, so nothing repeats (the speed on a corpus without copies):
#   DISTINCT=1 benches/process.sh 100
# BIN=path/to/goftar measures another build (e.g. main's) on the same corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${1:-100}
THREADS=${THREADS:-2}
SHARED=${SHARED:-../shared/data/news}
WORK=${WORK:-/tmp/goftar-process-bench}
mkdir -p "$WORK"
DISTINCT=${DISTINCT:-0}
BIN=${BIN:-target/release/goftar}
if [ "$DISTINCT" = 1 ]; then
    CORPUS="$WORK/news-distinct-${SIZE_MB}mb.jsonl"
else
    CORPUS="$WORK/news-${SIZE_MB}mb.jsonl"
fi

if [ ! -s "$CORPUS" ]; then
    python3 - "$SHARED" "$CORPUS" "$SIZE_MB" "$DISTINCT" <<'PY'
import glob, json, os, sys
shared, out, size_mb, distinct = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
records = []
for path in sorted(glob.glob(os.path.join(shared, "*.jsonl"))):
    with open(path, encoding="utf-8") as f:
        records += [json.loads(line) for line in f if line.strip()]
if not records:
    sys.exit(f"no records in {shared}/*.jsonl (set SHARED=path/to/shared/data/news)")
target = size_mb * 1_000_000
written = copy = 0
with open(out, "w", encoding="utf-8") as f:
    while written < target:
        for r in records:
            r = dict(r, id=f"{r.get('id')}~{copy}")
            if distinct and copy > 0:
                lines = (r.get("body") or "").split("\n")
                r["body"] = "\n".join(f"{l} ({copy})" if l.strip() else l for l in lines)
            line = json.dumps(r, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode())
        copy += 1
print(f"wrote {written / 1e6:.0f} MB ({copy} copies of {len(records)} articles) to {out}", file=sys.stderr)
PY
fi

if [ "$BIN" = target/release/goftar ]; then
    cargo build --release --quiet
fi
BYTES=$(stat -L -c %s "$CORPUS")
/usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" \
    "$BIN" process "$CORPUS" --out "$WORK/out" --threads "$THREADS" --quiet
read -r SECONDS_ELAPSED PEAK_KB USER_S SYS_S < "$WORK/time.txt"
python3 - "$BYTES" "$SECONDS_ELAPSED" "$PEAK_KB" "$THREADS" "$USER_S" "$SYS_S" <<'PY'
import sys
size, secs, peak_kb, threads = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
cpu = float(sys.argv[5]) + float(sys.argv[6])
# CPU seconds say more than wall time on a machine shared with other work.
print(f"process: {size / 1e6:.1f} MB in {secs:.1f} s = {size / 1e6 / secs:.1f} MB/s with {threads} threads; "
      f"{cpu:.1f} CPU s; peak RSS {peak_kb / 1024:.0f} MiB")
PY
