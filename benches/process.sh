#!/usr/bin/env bash
# End-to-end throughput and peak memory of `goftar process` on real news.
#
# Concatenates ../shared/data/news/*.jsonl, repeated under new ids until the corpus reaches SIZE_MB
# (default 100), runs `goftar process --threads 2` on it, and prints MB/s, CPU seconds, peak RSS and peak anonymous memory. Run it with two
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
# Peak RSS counts the index files tantivy maps while it merges segments: pages the kernel can drop
# at will. Peak anonymous memory (sampled from /proc every 50 ms) is what the run really needs.
python3 - "$BIN" "$CORPUS" "$WORK/out" "$THREADS" "$BYTES" <<'PY'
import os, subprocess, sys, time
bin_, corpus, out, threads, size = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
start = time.monotonic()
child = subprocess.Popen([bin_, "process", corpus, "--out", out, "--threads", threads, "--quiet"])
peak_anon_kb = 0
while True:
    try:
        with open(f"/proc/{child.pid}/status") as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    peak_anon_kb = max(peak_anon_kb, int(line.split()[1]))
    except OSError:
        pass
    pid, status, usage = os.wait4(child.pid, os.WNOHANG)
    if pid:
        break
    time.sleep(0.05)
secs = time.monotonic() - start
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit(f"goftar process failed (exit status {os.waitstatus_to_exitcode(status)})")
cpu = usage.ru_utime + usage.ru_stime
# CPU seconds say more than wall time on a machine shared with other work.
print(f"process: {size / 1e6:.1f} MB in {secs:.1f} s = {size / 1e6 / secs:.1f} MB/s with {threads} threads; "
      f"{cpu:.1f} CPU s; peak RSS {usage.ru_maxrss / 1024:.0f} MiB, peak anonymous {peak_anon_kb / 1024:.0f} MiB")
PY
