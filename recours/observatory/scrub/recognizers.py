"""Presidio recognisers for French personal data.

Presidio ships none for French formats: these find phone numbers, NIR (social security
numbers, key checked), IBANs (checksum), dates of birth, vehicle plates, street
addresses and names introduced by a title or a phrase ("Mme Martin", "je m'appelle ...").
Each is a `RegexRecognizer`: a regular expression, the group that is the entity, a score,
and an optional validator. Emails use Presidio's recogniser with tldextract kept offline.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import tldextract
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import EmailRecognizer

LANGUAGE = "fr"

# --- validators --------------------------------------------------------------------


def nir_key_is_valid(digits: str) -> bool:
    """A NIR: 13 characters then a 2-digit key, 97 - (number mod 97); Corsica's 2A/2B count as 19/18."""
    compact = re.sub(r"[\s.-]", "", digits).upper()
    if len(compact) != 15:
        return False
    body, key = compact[:13], compact[13:]
    body = body.replace("2A", "19", 1) if body[5:7] == "2A" else body.replace("2B", "18", 1) if body[5:7] == "2B" else body
    if not body.isdigit() or not key.isdigit():
        return False
    return 97 - int(body) % 97 == int(key)


def iban_is_valid(text: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers, mod 97 == 1."""
    compact = re.sub(r"[\s-]", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


# --- a recogniser made of one regular expression -------------------------------------


class RegexRecognizer(EntityRecognizer):
    """One entity found by a regular expression; `group` is the part replaced.

    `validate(match) -> float | None` may rescore a match or drop it (None).
    `context` words within `context_window` characters before the match raise the score
    to `context_score`.
    """

    def __init__(
        self,
        *,
        entity: str,
        pattern: str,
        score: float,
        group: int | str = 0,
        flags: int = 0,
        validate: Callable[[re.Match], float | None] | None = None,
        context: tuple[str, ...] = (),
        context_score: float = 0.85,
        context_window: int = 60,
        name: str | None = None,
    ):
        self.regex = re.compile(pattern, flags)
        self.group = group
        self.score = score
        self.validate = validate
        self.context_regex = re.compile("|".join(context), re.IGNORECASE) if context else None
        self.context_score = context_score
        self.context_window = context_window
        super().__init__(
            supported_entities=[entity], supported_language=LANGUAGE, name=name or f"fr_{entity.lower()}"
        )

    def load(self) -> None:  # nothing to load: the expression is compiled in __init__
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for match in self.regex.finditer(text):
            score = self.score
            if self.validate is not None:
                score = self.validate(match)
                if score is None:
                    continue
            start, end = match.span(self.group)
            if start < 0 or start == end:
                continue
            if self.context_regex is not None and score < self.context_score:
                before = text[max(0, start - self.context_window) : start]
                if self.context_regex.search(before):
                    score = self.context_score
            results.append(RecognizerResult(self.supported_entities[0], start, end, score))
        return results


# --- phone numbers ----------------------------------------------------------------------

PHONE = RegexRecognizer(
    entity="FR_PHONE",
    # +33 6 12 34 56 78, +33 (0)6..., 0033 6..., 06 12 34 56 78, 06.12.34.56.78, 06-12-..., 0612345678
    pattern=r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}(?!\d)",
    score=0.9,
)

# --- NIR ----------------------------------------------------------------------------------


def _nir_validate(match: re.Match) -> float | None:
    return 1.0 if nir_key_is_valid(match.group(0)) else 0.3


NIR = RegexRecognizer(
    entity="FR_NIR",
    pattern=r"(?<!\d)[1-478][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[AaBb])[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d{2}(?!\d)",
    score=1.0,
    validate=_nir_validate,
    context=(r"s[ée]cu", r"s[ée]curit[ée] sociale", r"\bnir\b", r"\bn°\s*ss\b", r"carte vitale", r"\binsee\b"),
    context_score=0.85,
)

# --- IBAN ---------------------------------------------------------------------------------


def _iban_validate(match: re.Match) -> float | None:
    return 1.0 if iban_is_valid(match.group(0)) else None


IBAN = RegexRecognizer(
    entity="IBAN_CODE",
    pattern=r"\b[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,3})?\b",
    score=1.0,
    validate=_iban_validate,
)

# --- dates of birth -------------------------------------------------------------------

MONTHS = (
    r"janvier|janv\.?|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|ao[uû]t|"
    r"septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?"
)
DATE = rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}|(?:1er|\d{{1,2}})\s+(?:{MONTHS})\s+(?:19|20)\d{{2}})"

BIRTH_DATE = RegexRecognizer(
    entity="FR_BIRTH_DATE",
    # "né le 12 mars 1985", "née le 03/04/1990", "date de naissance : 12.03.85", "ddn 12/03/1985"
    pattern=rf"(?:\bn[ée]e?s?\s+(?:le\s+)?|naissance\s*(?:le\s+|:\s*|du\s+)?|\bddn\s*:?\s*)(?P<date>{DATE})",
    group="date",
    score=0.95,
    flags=re.IGNORECASE,
)


def _bare_date_validate(match: re.Match) -> float | None:
    """A bare full date is a birth date only if it is too old to be the date of the facts."""
    year = match.group("year")
    year = int(year) if len(year) == 4 else None
    if year is None:
        return None
    import datetime as dt

    return 0.6 if year <= dt.date.today().year - 16 else None


BARE_OLD_DATE = RegexRecognizer(
    entity="FR_BIRTH_DATE",
    pattern=rf"(?<![\d/])(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]|(?:1er|\d{{1,2}})\s+(?:{MONTHS})\s+)(?P<year>(?:19|20)\d{{2}})(?!\d)",
    score=0.6,
    flags=re.IGNORECASE,
    validate=_bare_date_validate,
    name="fr_bare_old_date",
)

# --- vehicle plates ----------------------------------------------------------------------

PLATE_LETTERS = "A-HJ-NP-TV-Z"
PLATE = RegexRecognizer(
    entity="FR_PLATE",
    # SIV (since 2009): AB-123-CD, AB 123 CD, AB123CD
    pattern=rf"(?<![\w-])[{PLATE_LETTERS}]{{2}}[- ]?\d{{3}}[- ]?[{PLATE_LETTERS}]{{2}}(?![\w-])",
    score=0.85,
)
PLATE_LOWERCASE = RegexRecognizer(
    entity="FR_PLATE",
    pattern=rf"(?<![\w-])[{PLATE_LETTERS.lower()}]{{2}}-\d{{3}}-[{PLATE_LETTERS.lower()}]{{2}}(?![\w-])",
    score=0.8,
    name="fr_plate_lowercase",
)
OLD_PLATE = RegexRecognizer(
    entity="FR_PLATE",
    # FNI (before 2009): 1234 AB 75, 123 ABC 44, 45 ZT 2A
    pattern=rf"(?<![\w-])\d{{1,4}}[ -]?[{PLATE_LETTERS}]{{1,3}}[ -]?(?:0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])(?![\w-])",
    score=0.5,
    context=(r"immatricul", r"plaque", r"voiture", r"v[ée]hicule", r"camion", r"scooter", r"moto", r"\bauto\b"),
    context_score=0.9,
    name="fr_old_plate",
)

# --- street addresses --------------------------------------------------------------------

STREET_TYPES = (
    r"rue|avenue|av\.|av|ave|boulevard|bd|bld|boul\.|all[ée]e|impasse|imp\.|place|pl\.|chemin|ch\.|route|rte|quai|"
    r"cours|square|sq\.|passage|voie|r[ée]sidence|lotissement|lot\.|chauss[ée]e|faubourg|fbg|cit[ée]|hameau|"
    r"lieu-dit|lieudit|parvis|esplanade|promenade|sentier|venelle|villa|rond-point|ruelle|traverse|montée|mont[ée]e"
)
_CONNECTORS = {"de", "du", "des", "la", "le", "les", "l'", "d'", "l’", "d’", "aux", "au", "saint", "sainte", "st", "ste", "sur", "en"}
_STOP = {
    "et", "à", "a", "pour", "quand", "mais", "car", "où", "ou", "qui", "que", "qu'", "depuis", "avec", "chez", "dans",
    "il", "elle", "je", "j'", "on", "nous", "vous", "ils", "elles", "mon", "ma", "mes", "son", "sa", "ses", "leur",
    "leurs", "ce", "cette", "c'", "est", "était", "etait", "ai", "a", "avait", "puis", "alors", "donc", "près", "pres",
    "devant", "derrière", "entre", "vers", "par", "lors", "le", "la", "les", "un", "une", "y", "sans", "depuis",
}
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d{1,4}", re.UNICODE)
_POSTCODE_CITY = re.compile(
    r",?\s*(?:\d{2}\s?\d{3})\s+[^\W\d_][\w'’-]*(?:[ -](?:(?:sur|sous|en|lès|les|le|la|de|du|des)\b|[A-ZÉ][\w'’-]*))*"
)
_ADDRESS_HEAD = re.compile(
    rf"(?:(?<!\d)(?<!(?<![^\W\d_])\d[\s.-])(?P<number>\d{{1,4}})(?:\s?(?:bis|ter|[a-c]))?\s*,?\s+|(?P<lead>\b(?:habite|habitons|habitent|vit|vis|vivons|domicili[ée]e?s?|demeurant|réside|résidant|logement|appartement|adresse\s*:?)\s+(?:au\s+|à\s+la\s+|a\s+la\s+|dans\s+la\s+|dans\s+le\s+|l[ea]\s+|sur\s+l[ea]\s+)?))"
    rf"(?P<type>\b(?:{STREET_TYPES}))(?=[\s,])",
    re.IGNORECASE,
)


class AddressRecognizer(EntityRecognizer):
    """A street address: a number (or "habite ...") and a street type, then the street's
    name, word by word until a stop word or punctuation, then an optional postal code and city."""

    def __init__(self):
        super().__init__(supported_entities=["FR_ADDRESS"], supported_language=LANGUAGE, name="fr_address")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for head in _ADDRESS_HEAD.finditer(text):
            start = head.start("number") if head.group("number") else head.start("type")
            end = self._street_name_end(text, head.end("type"))
            if end == head.end("type"):
                continue  # "rue" alone is not an address
            tail = _POSTCODE_CITY.match(text, end)
            if tail:
                end = tail.end()
            results.append(RecognizerResult("FR_ADDRESS", start, end, 0.85 if head.group("number") else 0.7))
        return results

    @staticmethod
    def _street_name_end(text: str, position: int) -> int:
        """Where the street's name ends: words separated by spaces (an apostrophe glues
        "l'Église"), stopping at punctuation, at a stop word, after six words, or after
        three name words when they are written in lowercase."""
        end = cursor = position
        words = names = 0
        while words < 6:
            gap = re.match(r"[ \t]+", text[cursor:])
            glued = cursor > position and text[cursor - 1 : cursor] in ("'", "’")
            if not gap and not glued:
                break
            word = _WORD.match(text, cursor + (gap.end() if gap else 0))
            if not word:
                break
            lower = word.group(0).casefold()
            if lower in _STOP and lower not in _CONNECTORS:
                break
            cursor = word.end()
            words += 1
            if lower in _CONNECTORS or lower.endswith(("'", "’")):
                continue
            end = cursor
            names += 1
            if names >= 3 and word.group(0)[:1].islower():
                break
        return end


ADDRESS = AddressRecognizer()
BUILDING = RegexRecognizer(
    entity="FR_ADDRESS",
    # A residence or an estate named before its street: "Résidence les Tilleuls", "cité Pablo-Picasso"
    pattern=(
        r"\b(?i:r[ée]sidence|cit[ée]|lotissement|hameau|domaine|immeuble|b[âa]timent|tour)\s+"
        r"(?:(?i:les|le|la|l'|l’|du|des|de)\s*)?[A-ZÉÈÀÂÎÔ][\w'’-]+(?:\s+(?:(?i:de|du|des|la|le|les)\s+)?[A-ZÉÈÀÂÎÔ][\w'’-]+)?"
    ),
    score=0.6,
    name="fr_building",
)

# --- names introduced by a title or a phrase ------------------------------------------------

_NAME = r"[A-ZÉÈÊÀÂÎÏÔÖÛÜÇ][a-zéèêëàâäîïôöûüç'’]+(?:-[A-ZÉÈ][a-zéèêëàâäîïôöûüç]+)?|[A-Z]{2,}(?:-[A-Z]{2,})?"
_NAME_STOP = (
    r"(?!(?:Le|La|Les|Un|Une|Il|Elle|Je|On|Nous|Vous|Et|Mais|Car|Qui|Que|Quand|Depuis|Directeur|Directrice|"
    r"Maire|Préfet|Président|Présidente|Responsable|Chef|Docteur|Madame|Monsieur|Mademoiselle|Mme|Mmes|Mlle|Mr|Dr|Me|Pr|Maître)\b)"
)
TITLED_NAME = RegexRecognizer(
    entity="PERSON",
    pattern=(
        r"(?:\b(?:M\.|MM\.|Mr\.?|Mme|Mmes|Mlle|Monsieur|Madame|Mademoiselle|Docteure?|Dr\.?|Maître|Me|Pr\.?|"
        r"Professeure?|Ma[îi]tre|Capitaine|Lieutenant|Brigadier|Commandant|Adjudant|Sergent|Agent)\s+)"
        rf"(?P<name>{_NAME_STOP}(?:{_NAME})(?:\s+{_NAME_STOP}(?:{_NAME}))?)"
    ),
    group="name",
    score=0.9,
    name="fr_titled_name",
)
_LOWER_NAME = r"[a-zéèêëàâîïôöûüç][a-zéèêëàâîïôöûüç'’-]+"
_NOT_A_NAME = {
    "pas", "un", "une", "la", "le", "les", "de", "du", "des", "en", "très", "tres", "trop", "victime", "témoin",
    "temoin", "au", "à", "a", "son", "sa", "mon", "ma", "ici", "ne", "née", "nee", "enceinte", "mère", "mere", "père",
    "pere", "maman", "papa", "locataire", "et", "je", "j", "mais", "qui", "que", "car", "ai", "suis", "est", "habite",
    "travaille", "vis", "depuis", "dans", "sur", "chez", "avec", "sans", "pour", "par", "tout", "toute", "seul",
    "seule", "encore", "bien", "mal", "aussi", "plus", "moins", "noir", "noire", "arabe", "juif", "juive",
    "musulman", "musulmane", "gay", "lesbienne", "trans", "handicapé", "handicapée", "malade", "sourd", "sourde",
    "aveugle", "étranger", "étrangère", "francais", "français", "française", "francaise", "agent", "infirmier",
    "infirmière", "professeur", "prof", "étudiant", "étudiante", "etudiant", "etudiante", "salarié", "salariée",
    "chômeur", "chômeuse", "retraité", "retraitée", "interimaire", "intérimaire", "lanceuse", "lanceur", "d'accord",
    "désolé", "désolée", "sur", "sûr", "sûre", "sure", "venu", "venue", "parti", "partie", "allé", "allée", "resté",
}
_NOT_A_NAME_ENDINGS = ("é", "ée", "és", "ées", "ant", "ante", "ive", "if", "eux", "euse", "ment", "ique", "iste", "able", "ible")


def _looks_like_a_name(match: re.Match) -> float | None:
    """Drop what follows "je suis", "s'appelle"... when it is a common word, not a name."""
    words = match.group("name").split()
    first = words[0].casefold()
    if first in _NOT_A_NAME or "'" in first or "’" in first:
        return None
    if words[0][:1].islower() and first.endswith(_NOT_A_NAME_ENDINGS):
        return None
    return 0.85


_NAME_WORDS = rf"(?:{_NAME}|{_LOWER_NAME})(?:[ \t]+(?!(?:et|je|j|mais|de|du|à|a|le|la|les|depuis|qui|que|car|ma|mon|ai|suis|est|habite|travaille|vis|jai|j'ai|ne|né|née|au|en|ou|pour|on|il|elle)\b)(?:{_NAME}|{_LOWER_NAME})){{0,2}}"
INTRODUCED_NAME = RegexRecognizer(
    entity="PERSON",
    # "je m'appelle Karim Benali", "je m appelle karim", "elle sapelle ...", "nommé X", "jsuis léa martin"
    pattern=(
        r"(?:\b[mts]['’ ]?\s?app?ell?(?:e|es|ent|ait)\s+|\b(?:nomm[ée]e?|pr[ée]nomm[ée]e?|surnomm[ée]e?|"
        r"mon nom est|mon nom c'est|moi c'est)\s+|(?i:\bje suis|\bjsuis|\bj'suis|\bchuis)\s+)"
        rf"(?P<name>{_NAME_WORDS})"
    ),
    group="name",
    score=0.85,
    validate=_looks_like_a_name,
    name="fr_introduced_name",
)
LOWERCASE_TITLED_NAME = RegexRecognizer(
    entity="PERSON",
    # lowercase writing: "le cpe m. blanc", "madame durand"
    pattern=rf"(?:\b(?:m\.|mr\.?|mme|mlle|monsieur|madame|mademoiselle|dr\.?|docteur)\s+)(?P<name>{_LOWER_NAME})",
    group="name",
    score=0.7,
    validate=_looks_like_a_name,
    name="fr_lowercase_titled_name",
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
    pattern=rf"(?:^|[.!?\n]\s*)(?P<name>(?:{_NAME}|{_LOWER_NAME})(?:[ \t]+(?:{_NAME}|{_LOWER_NAME})){{1,2}})\s*[.!]?\s*\Z",
    group="name",
    score=0.6,
    validate=_signature_validate,
    name="fr_signature_name",
)
RELATIVE_NAME = RegexRecognizer(
    entity="PERSON",
    # "mon fils Yanis", "ma collègue Sophie Durand", "le manager, Julien Morel"
    pattern=(
        r"\b(?i:(?:mon|ma|notre|son|sa|le|la|leur|un|une)\s+(?:fils|fille|mari|femme|épouse|epouse|compagnon|compagne|conjoint|"
        r"conjointe|fr[èe]re|s[œo]eur|m[èe]re|p[èe]re|enfant|collègue|collegue|coll[èe]gue|voisine?|amie?|"
        r"manager|cheffe?|sup[ée]rieure?|patron(?:ne)?|propriétaire|proprio|bailleur|bailleresse|directeur|directrice|"
        r"professeure?|prof|institutrice|instituteur|m[ée]decin|avocate?|employeur|responsable|gérante?|gerante?|"
        r"neveu|nièce|niece|cousine?|oncle|tante|petit-fils|petite-fille|fianc[ée]e?|agent|témoin|temoin))"
        r"\s*,?\s+"
        rf"(?P<name>{_NAME_STOP}(?:{_NAME})(?:\s+{_NAME_STOP}(?:{_NAME}))?)"
    ),
    group="name",
    score=0.85,
    name="fr_relative_name",
)

_KIN_NOT_A_NAME = _NOT_A_NAME | {
    "lui", "leur", "nous", "vous", "il", "elle", "on", "se", "s", "l", "y", "m", "t", "n", "aîné", "ainé", "aînée",
    "ainée", "cadet", "cadette", "ado", "adolescent", "adolescente", "bébé", "bebe", "autiste", "âgé", "âgée", "agé",
    "agée", "petit", "petite", "grand", "grande", "jeune", "dernier", "dernière", "premier", "première", "unique",
    "actuel", "actuelle", "ancien", "ancienne", "aussi", "également", "egalement", "non", "oui", "donc", "alors",
    "ce", "cet", "cette", "ces", "quand", "lorsque", "puis", "ensuite", "hier", "aujourd'hui", "demain", "même",
    "meme", "voulait", "voulu", "doit", "peut", "va", "avait", "était", "etait", "sont", "ont", "fait", "dit",
}


def _kin_name(match: re.Match) -> float | None:
    word = match.group("name").casefold()
    if word in _KIN_NOT_A_NAME or len(word) < 3:
        return None
    # "hospitalisé", "scolarisée" are not names, but "zoé", "chloé", "renée" are: short words
    # ending like a participle stay names here.
    if word.endswith(_NOT_A_NAME_ENDINGS) and not (word.endswith(("é", "ée")) and len(word) <= 5):
        return None
    return 0.6


LOWERCASE_RELATIVE_NAME = RegexRecognizer(
    entity="PERSON",
    # lowercase writing: "mon fils yanis", "ma voisine fatou", "mon frère karim"
    pattern=(
        r"\b(?i:(?:mon|ma|notre|son|sa|leur)\s+(?:fils|fille|mari|femme|épouse|epouse|compagnon|compagne|conjoint|"
        r"conjointe|fr[èe]re|s[œo]eur|enfant|voisine?|amie?|neveu|nièce|niece|cousine?|oncle|tante|petit-fils|"
        r"petite-fille|fianc[ée]e?|coll[èe]gue|colocataire|coloc))\s*,?\s+"
        rf"(?P<name>{_LOWER_NAME})\b"
    ),
    group="name",
    score=0.6,
    validate=_kin_name,
    name="fr_lowercase_relative_name",
)

# --- email ---------------------------------------------------------------------------------

# tldextract downloads the public suffix list on first use unless told not to: this one
# reads only the snapshot bundled with the package (no network, no cache directory).
def offline_tldextract() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


_OFFLINE_TLDEXTRACT = offline_tldextract()


class OfflineEmailRecognizer(EmailRecognizer):
    def __init__(self):
        super().__init__(supported_language=LANGUAGE, context=["courriel", "mail", "e-mail", "mél", "adresse"])

    def validate_result(self, pattern_text: str):
        return _OFFLINE_TLDEXTRACT(pattern_text).fqdn != ""


def recognizers() -> list[EntityRecognizer]:
    return [
        PHONE, NIR, IBAN, BIRTH_DATE, BARE_OLD_DATE, PLATE, PLATE_LOWERCASE, OLD_PLATE, ADDRESS,
        BUILDING, TITLED_NAME, INTRODUCED_NAME, LOWERCASE_TITLED_NAME, SIGNATURE_NAME, RELATIVE_NAME,
        LOWERCASE_RELATIVE_NAME, OfflineEmailRecognizer(),
    ]
