#!/usr/bin/env python3
"""Derives the bound-morpheme lists used by dedup's tokenizer from a word-count vocabulary.

usage: derive_morphemes.py ../shared/data/lexicons/fawiki/vocab.txt > bound_morphemes.txt

A piece is "bound" when it is written joined to a neighbour (with a ZWNJ) far more often than it
stands alone: e.g. `های`, `گیری`, `المللی` after a word, `می`, `نمی` before one. Re-typed copies
split such words with a space or join them without one; gluing these pieces to their neighbour
makes both spellings give the same token. Output: `prefix<TAB>piece` / `suffix<TAB>piece` lines.
"""
import collections
import sys

MIN_JOINED = 200      # seen joined at least this often
JOINED_OVER_ALONE = 3  # and this many times more often joined than standalone

counts = {}
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.rstrip("\n").rsplit(" ", 1)
    if len(parts) == 2 and parts[1].isdigit():
        counts[parts[0]] = int(parts[1])
first, last = collections.Counter(), collections.Counter()
for word, n in counts.items():
    pieces = word.split("\u200c")
    if len(pieces) == 2 and all(pieces):
        first[pieces[0]] += n
        last[pieces[1]] += n
for kind, counter in (("prefix", first), ("suffix", last)):
    for piece, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= MIN_JOINED and n > JOINED_OVER_ALONE * counts.get(piece, 0) and len(piece) >= 2 \
                and all("\u0600" <= ch <= "\u06ff" for ch in piece):
            print(f"{kind}\t{piece}")
