#!/usr/bin/env python3
"""Rebuilds assets/lexicon/wordnet-en.tsv, what WordNet says of English words, read by the
entity tagger as features.

usage:  apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn
        python3 scripts/build-wordnet.py /tmp/wn/usr/share/wordnet/data.noun

One line per lower-case word: the word; the kinds of named thing it is a word of (a
letter each: P person, L location, G group, O other; upper case where the word is a whole
name such as `Harrison`, lower case where it is part of one such as `Benjamin Harrison`), or
- for none; and the lexicographer files of its common-noun senses, the first sense first
(`division` is act, group, …), or - for none. WordNet 3.0, Princeton University, under
the WordNet 3.0 licence (permissive; its notice and disclaimer, which must go with every
copy, are in assets/lexicon/WORDNET-LICENSE.txt).
"""
import collections
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "lexicon")
LEX = {14: "G", 15: "L", 18: "P"}
NAMES = {3: "tops", 4: "act", 5: "animal", 6: "artifact", 7: "attribute", 8: "body",
         9: "cognition", 10: "communication", 11: "event", 12: "feeling", 13: "food",
         14: "group", 15: "location", 16: "motive", 17: "object", 18: "person",
         19: "phenomenon", 20: "plant", 21: "possession", 22: "process", 23: "quantity",
         24: "relation", 25: "shape", 26: "state", 27: "substance", 28: "time"}

proper = collections.defaultdict(set)
common = collections.defaultdict(list)
with open(sys.argv[1], encoding="latin-1") as f:
    for line in f:
        if line.startswith(" "):
            continue
        fields = line.split()
        lexfile, n = int(fields[1]), int(fields[3], 16)
        words = [fields[4 + 2 * k].split("(")[0] for k in range(n)]
        rest = fields[4 + 2 * n:]
        pointers = [rest[1 + 4 * k] for k in range(int(rest[0]))]
        named = "@i" in pointers
        for w in words:
            parts = w.split("_")
            if named or w[0].isupper():
                kind = LEX.get(lexfile, "O")
                for p in parts:
                    if p[:1].isupper():
                        proper[p.lower()].add(kind if len(parts) == 1 else kind.lower())
            elif len(parts) == 1 and NAMES.get(lexfile) not in common[w]:
                common[w].append(NAMES.get(lexfile, "other"))

with open(os.path.join(ROOT, "wordnet-en.tsv"), "w", encoding="utf-8") as out:
    out.write(
        "# Derived from WordNet 3.0. WordNet 3.0 Copyright 2006 by Princeton University."
        " All rights reserved. Licence and disclaimer: WORDNET-LICENSE.txt\n"
    )
    for w in sorted(set(proper) | set(common)):
        if not w.isprintable() or "\t" in w:
            continue
        kinds = "".join(sorted(proper.get(w, ()))) or "-"
        senses = ",".join(common.get(w, ())) or "-"
        out.write(f"{w}\t{kinds}\t{senses}\n")
