#!/usr/bin/env bash
# End-to-end throughput and peak memory of `goftar process` on real news.
#
# Concatenates ../shared/data/news/*.jsonl, repeated under new ids until the corpus reaches SIZE_MB
# (default 100), runs `goftar process --threads 2` on it, and prints MB/s and peak RSS. Run it with two
# sizes to see that memory stays flat as the input grows:
#   benches/process.sh 100 && benches/process.sh 200
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${1:-100}
THREADS=${THREADS:-2}
SHARED=${SHARED:-../shared/data/news}
WORK=${WORK:-/tmp/goftar-process-bench}
mkdir -p "$WORK"
CORPUS="$WORK/news-${SIZE_MB}mb.jsonl"

if [ ! -s "$CORPUS" ]; then
    python3 - "$SHARED" "$CORPUS" "$SIZE_MB" <<'PY'
import glob, json, os, sys
shared, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
records = []
for path in sorted(glob.glob(os.path.join(shared, "*.jsonl"))):
    with open(path, encoding="utf-8") as f:
        records += [json.loads(line) for line in f if line.strip()]
target = size_mb * 1_000_000
written = copy = 0
with open(out, "w", encoding="utf-8") as f:
    while written < target:
        for r in records:
            r = dict(r, id=f"{r.get('id')}~{copy}")
            line = json.dumps(r, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode())
        copy += 1
print(f"wrote {written / 1e6:.0f} MB ({copy} copies of {len(records)} articles) to {out}", file=sys.stderr)
PY
fi

cargo build --release --quiet
BYTES=$(stat -c %s "$CORPUS")
/usr/bin/time -f "%e %M" -o "$WORK/time.txt" \
    target/release/goftar process "$CORPUS" --out "$WORK/out" --threads "$THREADS" --quiet
read -r SECONDS_ELAPSED PEAK_KB < "$WORK/time.txt"
python3 - "$BYTES" "$SECONDS_ELAPSED" "$PEAK_KB" "$THREADS" <<'PY'
import sys
size, secs, peak_kb, threads = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
print(f"process: {size / 1e6:.1f} MB in {secs:.1f} s = {size / 1e6 / secs:.1f} MB/s with {threads} threads; "
      f"peak RSS {peak_kb / 1024:.0f} MiB")
PY
