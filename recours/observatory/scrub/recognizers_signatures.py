"""Names given where a narrative is signed: at its very end ("... la vidéo. Nour", "... le 12.
seydou", "moussa camara"), or just before the writer's contact details ("Aylin Demir,
aylin.demir@...", "Gilles Perrot 06 12 ..."). The words of names are those of
recognizers_names.py.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from recours.observatory.scrub.lexicon import fold, is_french_word, place_names
from recours.observatory.scrub.recognizers import LANGUAGE, RegexRecognizer
from recours.observatory.scrub.recognizers_names import (
    _ACRONYMS, _KIN_NOT_A_NAME, _LOWER, _LOWER_NAME, _NAME, _NOT_A_NAME, _NOT_A_NAME_ENDINGS, _UPPER, FIRST_NAME,
    PARTICLES,
)

_SIGNATURE_STOP = {"merci", "cordialement", "bonne", "bonjour", "salut", "svp", "stp", "urgent", "aidez", "help", "bisous"}


def _signature_validate(match: re.Match) -> float | None:
    words = match.group("name").split()
    if any(w.casefold() in _SIGNATURE_STOP or w.casefold() in _NOT_A_NAME for w in words):
        return None
    return 0.6


SIGNATURE_NAME = RegexRecognizer(
    entity="PERSON",
    # A narrative signed at its end: "... si vous voulez verifier. moussa camara"
    pattern=rf"(?:^|[.!?]\s+|\n\s*)(?P<name>(?:{_NAME}|{_LOWER_NAME})(?:[ \t]+(?:{_NAME}|{_LOWER_NAME})){{1,2}})\s*[.!]?\s*\Z",
    group="name",
    score=0.6,
    validate=_signature_validate,
    name="fr_signature_name",
)


_SIGNATURE_WORDS = {
    "merci", "cordialement", "bonjour", "bonsoir", "salut", "svp", "stp", "urgent", "aidez", "help", "bisous", "amen",
    "voilà", "voila", "bref", "fin", "signé", "signe", "anonyme", "courage", "respectueusement", "salutations",
    "vidéo", "video", "photos", "photo", "preuves", "oui", "non", "rien", "personne", "encore", "voilou",
}


def _lone_signature(match: re.Match) -> float | None:
    word = match.group("name")
    key = word.casefold()
    if key in _SIGNATURE_WORDS or key in _KIN_NOT_A_NAME or key in _ACRONYMS or len(word) < 3:
        return None
    if word.isupper() and len(word) <= 4:
        return None  # "CAF", "RATP"
    if re.match(r"(?:[JCLDMTSN]|Qu)['’][a-zà-ÿ]", word):
        return None  # "J'ai", "C'est": an elided word
    return 0.5


LONE_SIGNATURE = RegexRecognizer(
    entity="PERSON",
    # A narrative signed with one capitalised word at its very end: "... la vidéo. Nour"
    pattern=rf"(?:[.!?)]\s+|\n\s*)(?P<name>[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}]+)*|[{_UPPER}]{{2,}})\s*[.!]?\s*\Z",
    group="name",
    score=0.5,
    validate=_lone_signature,
    name="fr_lone_signature",
)


_LONE_LOWER_NOT_A_NAME_ENDINGS = _NOT_A_NAME_ENDINGS + ("tion", "sion", "ais", "ait", "ez", "er", "ir", "ons", "ent", "ci", "ça")


def _lone_lowercase_signature(match: re.Match) -> float | None:
    word = match.group("name")
    key = word.casefold()
    if re.search(r"-(?:moi|toi|nous|vous|le|la|les|lui|leur|y|en|je|tu|il|elle|on|ils|elles)$", key):
        return None  # "aidez-moi": a verb
    if key in FIRST_NAME.names or key in FIRST_NAME.open:
        return 0.5
    if (key in _SIGNATURE_WORDS or key in _KIN_NOT_A_NAME or key in _ACRONYMS or key in _SIGNATURE_STOP
            or key in FIRST_NAME.ambiguous or len(key) < 4):
        return None
    if key.endswith(_LONE_LOWER_NOT_A_NAME_ENDINGS) and (is_french_word(word) or fold(word) in place_names()):
        return None  # "aidez", "merci": a French word; "shaïnez", "anaïs" are no French words
    return 0.45


LONE_LOWERCASE_SIGNATURE = RegexRecognizer(
    entity="PERSON",
    # A message signed with its writer's first name in lowercase after its last sentence: "... le 12. seydou"
    pattern=rf"(?:[.!?)]\s+|\n\s*)(?P<name>[{_LOWER}][{_LOWER}'’]+(?:-[{_LOWER}]+)?)\s*[.!]?\s*\Z",
    group="name",
    score=0.45,
    validate=_lone_lowercase_signature,
    name="fr_lone_lowercase_signature",
)


_CONTACT_WORDS = {"merci", "cordialement", "contact", "contacts", "mail", "courriel", "tel", "tél", "téléphone", "portable",
                  "bonjour", "joignable", "écrivez", "appelez", "adresse", "email", "signé", "madame", "monsieur"}


def _name_before_contact(match: re.Match) -> float | None:
    words = match.group("name").split()
    if any(w.casefold() in _CONTACT_WORDS or w.casefold() in _KIN_NOT_A_NAME for w in words):
        return None
    return 0.55


NAME_BEFORE_CONTACT = RegexRecognizer(
    entity="PERSON",
    # "Aylin Demir, aylin.demir@...", "Gilles Perrot 06 12 ...": a name given with its contact
    pattern=(
        rf"(?<![\w'’])(?P<name>(?:[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*|[{_UPPER}]{{2,}})"
        rf"(?:\s+(?:{PARTICLES}\s*(?=[{_UPPER}]))?(?:[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*|[{_UPPER}]{{2,}})){{1,2}})"
        r"\s*,?\s*(?=[\w.+-]+@\w|(?:\(?\+33\)?|0)\s?[1-9](?:[\s./-]?\d{2}){4})"
    ),
    group="name",
    score=0.55,
    validate=_name_before_contact,
    name="fr_name_before_contact",
)


# --- the long tail: names no list holds, told by where they stand and what they are not ---

_PHONE_OR_CONTACT = (
    r"(?=[\w.+-]+@\w|@[\w.]{2,}|(?:\+|00)\s?\d|0[1-9](?:[\s./-]?\d{2}){4}(?!\d)|"
    r"(?i:insta|instagram|snap|snapchat|tiktok|t[ée]l\b|t[ée]l\.|mail\b|courriel|portable|whatsapp)\b)"
)
_NOT_CONTACT_WORD = r"(?!(?i:t[ée]l|portable|mail|courriel|insta|instagram|snap|snapchat|tiktok|whatsapp)\b)"
_ANY_NAME_WORD = rf"[{_UPPER}{_LOWER}][{_LOWER}'’]+(?:-[{_UPPER}{_LOWER}][{_LOWER}]+)*"
_NOT_A_SIGNATURE = _SIGNATURE_WORDS | _SIGNATURE_STOP | _CONTACT_WORDS | _KIN_NOT_A_NAME | _ACRONYMS | {
    "moi", "perso", "contact", "rappelez", "appelez", "joindre", "numéro", "numero", "num", "voici", "sinon",
}


def _signature_word(word: str, first: bool) -> bool:
    key = word.casefold()
    if key in FIRST_NAME.names or key in FIRST_NAME.open:
        return True
    if key in _NOT_A_SIGNATURE or len(key) < 3:
        return False
    if first:
        return not is_french_word(word) and fold(word) not in place_names()
    return key not in _NOT_A_NAME


def _unlisted_signature(match: re.Match) -> float | None:
    words = match.group("name").split()
    if not _signature_word(words[0], True) or not all(_signature_word(w, False) for w in words[1:]):
        return None
    return 0.5


UNLISTED_NAME_BEFORE_CONTACT = RegexRecognizer(
    entity="PERSON",
    # A sentence made only of a name, then the writer's contact: ". oumaïma 07 68 ...",
    # "precious +32 470 ...", "ilyas ilyas.benz@...", "anis @anis_mtp". The first word is a
    # listed first name or no French word at all (lexicon.py): "merci 06 ..." is not a name.
    pattern=(
        rf"(?:\A|[.!?:)»]\s+|\n\s*)(?P<name>{_ANY_NAME_WORD}(?:[ \t]+{_NOT_CONTACT_WORD}{_ANY_NAME_WORD}){{0,2}})"
        rf"(?:\s*[,:;–-]\s*|\s+){_PHONE_OR_CONTACT}"
    ),
    group="name",
    score=0.5,
    validate=_unlisted_signature,
    name="fr_unlisted_name_before_contact",
)


_EMAIL_OR_HANDLE = re.compile(
    r"(?P<local>[\w.+-]+)@[\w-]+\.[\w.-]+|(?<![\w@])@(?P<handle>[\w.]{2,})"
    r"|\b(?i:insta|instagram|snap|snapchat|tiktok|pseudo)\s*(?:c['’]?est|:)?\s+(?P<bare>[a-z0-9_.]*[._][a-z0-9_.]+)",
)
_ECHO_WORD = re.compile(rf"[{_UPPER}{_LOWER}]+(?:[-'’][{_UPPER}{_LOWER}]+)*")
_JUST_BEFORE = re.compile(r"[ \t]*[,:;–-]?[ \t]*\Z")


class EchoedNameRecognizer(EntityRecognizer):
    """A word that the writer's own e-mail address or handle repeats is their name:
    "ilyas ilyas.benz@gmail.com", "anis @anis_mtp", "Fatiha HADDOU ... f.haddou69@...".
    A French word counts only right before the address ("contact.mairie@..." does not make
    "mairie" a name elsewhere in the text)."""

    def __init__(self):
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE, name="fr_echoed_name")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        contacts = []
        for found in _EMAIL_OR_HANDLE.finditer(text):
            raw = found.group("local") or found.group("handle") or found.group("bare")
            parts = {fold(p) for p in re.split(r"[._+\-\d]+", raw) if len(p) >= 3}
            if parts:
                contacts.append((found.start(), found.end(), parts))
        if not contacts:
            return []
        results = []
        for word in _ECHO_WORD.finditer(text):
            if any(start <= word.start() < end for start, end, _parts in contacts):
                continue
            key = fold(re.sub(r"[-'’]", "", word.group(0)))
            if len(key) < 3 or word.group(0).casefold() in _NOT_A_SIGNATURE or word.group(0).casefold() in _NOT_A_NAME:
                continue
            if (word.group(0).isupper() and len(key) <= 4) or key in place_names():
                continue  # "AED", "CPE": an acronym; "amiens80@...": the town
            for start, _end, parts in contacts:
                echoed = key in parts or (len(key) >= 4 and any(len(p) > len(key) and p.endswith(key) for p in parts))
                if not echoed:
                    continue
                if is_french_word(word.group(0)) and not (
                    word.end() <= start and _JUST_BEFORE.match(text, word.end(), start)
                ):
                    continue
                results.append(RecognizerResult("PERSON", word.start(), word.end(), 0.45))
                break
        return results


def recognizers() -> list[EntityRecognizer]:
    return [
        SIGNATURE_NAME, LONE_SIGNATURE, LONE_LOWERCASE_SIGNATURE, NAME_BEFORE_CONTACT, UNLISTED_NAME_BEFORE_CONTACT,
        EchoedNameRecognizer(),
    ]
