#!/usr/bin/env python3
"""Rebuilds assets/lexicon/wordfreq-en.tsv, the English word frequencies the entity tagger
reads as features (how common a word is tells a name from a capitalised common word).

usage:  pip install wordfreq==3.1.1
        python3 scripts/build-wordfreq.py

Writes every word of wordfreq's large English list with a Zipf frequency of 2 or more
(about 95,000 words), one per line, sorted by word (gloss finds a word by binary search):
the word; its frequency in centibels below one (wordfreq's own unit: 300 is one in a
thousand words, 700 one in ten million); and how much rarer it is in twelve other
languages written in the Latin alphabet (the median of their centibels minus its own, or -
when fewer than six list it). Names are shared across languages and common words are not:
`house` is 135 rarer elsewhere, `joke` 170, `Chelsea` 45, `Netflix` 8.
wordfreq: Apache-2.0 code by Robyn Speer; its data, and so this file, CC BY-SA 4.0.
"""
import gzip
import os

import importlib.util

import msgpack

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "lexicon")
# Found without importing wordfreq: only its data file is read.
DATA = os.path.join(os.path.dirname(importlib.util.find_spec("wordfreq").origin), "data")
MAX_CB = 700
OTHERS = "de es fr it nl pt sv pl fi cs ca nb".split()


def load(lang):
    """One language's list: word -> centibels."""
    with gzip.open(os.path.join(DATA, f"large_{lang}.msgpack.gz")) as f:
        buckets = msgpack.unpackb(f.read(), raw=False)
    assert buckets[0].get("format") == "cB", buckets[0]
    return {w: cb for cb, words in enumerate(buckets[1:], 1) for w in words}


en = load("en")
others = [load(lang) for lang in OTHERS]
with open(os.path.join(ROOT, "wordfreq-en.tsv"), "w", encoding="utf-8") as out:
    out.write(
        "# Derived from wordfreq 3.1.1 by Robyn Speer (https://github.com/rspeer/wordfreq),"
        " CC BY-SA 4.0; built by scripts/build-wordfreq.py\n"
    )
    for w, cb in sorted(en.items()):
        if cb > MAX_CB or "\t" in w or "\n" in w:
            continue
        there = sorted(o[w] for o in others if w in o)
        gap = "-" if len(there) < 6 else str(there[len(there) // 2] - cb)
        out.write(f"{w}\t{cb}\t{gap}\n")
