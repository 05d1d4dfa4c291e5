#!/usr/bin/env bash
# Times hazm's Normalizer against `goftar normalize` on the same file, in the same run, and prints
# the ratio. Creates a Python venv with hazm from PyPI on first use.
#
# usage: benches/compare/normalize.sh [FILE]
#   FILE: one paragraph per line (default: the title and body lines of
#         ../shared/data/news/fars_news.jsonl, extracted to a temporary file).
# env:   SHARED (default ../shared), VENV (default target/hazm-venv), GOFTAR (default target/release/goftar, built if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${SHARED:-../shared}

VENV=${VENV:-target/hazm-venv}
GOFTAR=${GOFTAR:-target/release/goftar}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet hazm
fi
if [ ! -x "$GOFTAR" ]; then
    cargo build --release --quiet
fi

INPUT=${1:-}
if [ -z "$INPUT" ]; then
    INPUT="$WORK/news.txt"
    python3 - "$INPUT" "$SHARED" <<'PY'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for line in open(sys.argv[2] + "/data/news/fars_news.jsonl", encoding="utf-8"):
        article = json.loads(line)
        for field in ("title", "body"):
            for paragraph in (article.get(field) or "").split("\n"):
                if paragraph.strip():
                    out.write(paragraph.replace("\r", " ") + "\n")
PY
fi
BYTES=$(wc -c < "$INPUT")
echo "input: $INPUT ($BYTES bytes, $(wc -l < "$INPUT") lines)"

# hazm: time only the normalization loop (not the import), one paragraph at a time like goftar.
HAZM_SECONDS=$("$VENV/bin/python" - "$INPUT" "$WORK/hazm.out" <<'PY'
import sys, time
from hazm import Normalizer
normalizer = Normalizer()
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = time.perf_counter()
out = [normalizer.normalize(line) for line in lines]
elapsed = time.perf_counter() - start
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
print(f"{elapsed:.4f}")
PY
)

# goftar: the whole command (process start and lexicon decoding included), best of three.
GOFTAR_SECONDS=$(python3 - "$GOFTAR" "$INPUT" "$WORK/goftar.out" <<'PY'
import subprocess, sys, time
best = None
for _ in range(3):
    start = time.perf_counter()
    with open(sys.argv[3], "w") as out:
        subprocess.run([sys.argv[1], "normalize", sys.argv[2]], stdout=out, check=True)
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
print(f"{best:.4f}")
PY
)

python3 - "$BYTES" "$HAZM_SECONDS" "$GOFTAR_SECONDS" <<'PY'
import sys
size, hazm, goftar = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
mb = size / 1e6
print(f"hazm Normalizer : {hazm:8.3f} s  {mb / hazm:8.2f} MB/s")
print(f"goftar normalize: {goftar:8.3f} s  {mb / goftar:8.2f} MB/s")
print(f"ratio (hazm time / goftar time): {hazm / goftar:.1f}x")
PY
