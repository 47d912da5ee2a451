"""Presidio recognisers for French personal data.

Presidio ships none for French formats: these find phone numbers, NIR (social security
numbers, key checked), dates of birth, vehicle plates and street addresses; identifiers
(references, IBANs, handles, PO boxes) are in recognizers_ids.py, people's names in
recognizers_names.py.
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

# A mobile written without its leading 0 after a word that announces a number: "portable 6 12 34 56 78"
ANNOUNCED_PHONE_WITHOUT_ZERO = RegexRecognizer(
    entity="FR_PHONE",
    pattern=r"\b(?i:portable|t[ée]l[ée]phone|t[ée]l\.?|mobile|num[ée]ro|num|joignable au)\s*:?\s*(?P<phone>[67](?:[\s.]?\d{2}){4})(?![\w/])",
    group="phone",
    score=0.8,
    name="fr_phone_without_zero",
)
PHONE = RegexRecognizer(
    entity="FR_PHONE",
    # +33 6 12 34 56 78, +33 (0)6..., 0033 6..., 06 12 34 56 78, 06.12.34.56.78, 06-12-..., 06/12/...,
    # 0612345678
    pattern=r"(?<![\w+/])(?<!\d{4} )(?:\(?(?:\+|00)\s?33\)?[\s.-]?(?:\(0\)\s?)?[1-9]|0[1-9])(?:[\s./-]?\d{2}){4}(?![\w/])",  # not glued to letters: "0123456789AB" is a reference
    score=0.9,
)



_ANNOUNCED_REFERENCE = re.compile(
    r"(?:\bn°|\bn[º°o]\.|\b(?:r[ée]f(?:[ée]rence)?|dossier|ticket|facture|client|contrat|commande|colis|suivi|"
    r"allocataire|matricule|identifiant|sinistre|pv|proc[èe]s-verbal|plainte))\W{0,3}$",
    re.IGNORECASE,
)


def _grouped_phone(match: re.Match) -> float | None:
    """Ten digits from a leading 0 (0612 345 678, 06 1234 5678, 061 234 5678), or a foreign
    number after + or 00 with 8 to 12 digits after the country code, in any grouping of one
    separator."""
    value = match.group(0)
    if _ANNOUNCED_REFERENCE.search(match.string[max(0, match.start() - 30) : match.start()]):
        return None  # "ticket n° 0045 0012 8841": a reference in groups
    digits = sum(c.isdigit() for c in value)
    if len(set(re.findall(r"[ .-]", value))) > 1 and not value.startswith(("+", "00")):
        return None  # "06 12-34" mixing separators: not a phone written by hand
    if value.startswith("0") and not value.startswith("00"):
        return 0.85 if digits == 10 else None
    country = re.match(r"(?:\+|00)\s?(\d{1,3})", value)
    return 0.85 if country and 8 <= digits - len(country.group(1)) - (2 if value.startswith("00") else 0) <= 12 else None


GROUPED_PHONE = RegexRecognizer(
    entity="FR_PHONE",
    pattern=(
        r"(?<![\w+/.,-])(?<!\d[ .-])(?:0[1-9]\d{0,3}(?:[ .-]\d{2,4}){2,4}"
        r"|(?:\+|00)\s?(?:1|2\d{1,2}|3\d{1,2}|4\d|5\d{1,2}|6\d{1,2}|7|8\d{1,2}|9\d{1,2})[ .-]?(?:\(0\)\s?)?[1-9]\d{0,3}(?:[ .-]\d{2,4}){1,5})"
        r"(?![\d/]|[.,]\d)"
    ),
    score=0.85,
    validate=_grouped_phone,
    name="fr_grouped_phone",
)

# --- NIR ----------------------------------------------------------------------------------


# place of birth: département (2 characters) and commune (3 digits), or overseas 97x/98x and 2 digits
_NIR_PLACE = r"(?:(?:\d{2}|2[AaBb])[\s.]?\d{3}|9[78]\d[\s.]?\d{2})"
_NIR_GROUPING = re.compile(r"[1-478] \d{2} \d{2} (?:(?:\d{2}|2[AaBb]) \d{3}|9[78]\d \d{2}) \d{3} \d{2}")


def _nir_validate(match: re.Match) -> float | None:
    if nir_key_is_valid(match.group(0)):
        return 1.0
    # a wrong key, but written the way a NIR is printed (1 88 04 99 350 123 47): a mistyped NIR
    return 0.8 if _NIR_GROUPING.fullmatch(match.group(0)) else 0.3


NIR = RegexRecognizer(
    entity="FR_NIR",
    pattern=rf"(?<!\d)[1-478][\s.]?\d{{2}}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?{_NIR_PLACE}[\s.]?\d{{3}}[\s.]?\d{{2}}(?!\d)",
    score=1.0,
    validate=_nir_validate,
    context=(r"s[ée]cu", r"s[ée]curit[ée] sociale", r"\bnir\b", r"\bn°\s*ss\b", r"carte vitale", r"\binsee\b"),
    context_score=0.85,
)

# IBANs: recognizers_ids.IBAN (by checksum, or by shape when mistyped).

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

    before = match.string[max(0, match.start() - 40) : match.start()]
    if re.search(r"\b(?:loi|d[ée]cret|ordonnance|arr[êe]t[ée]|circulaire|directive|convention|arr[êe]t)\b", before, re.IGNORECASE):
        return None  # "la loi du 11 février 2005"
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
_VEHICLE = (r"immatricul", r"plaque", r"voiture", r"v[ée]hicule", r"camion", r"scooter", r"moto", r"\bauto\b", r"\bvtc\b",
            r"taxi", r"fourgon", r"camionnette", r"utilitaire", r"\bbus\b", r"car de")
PLATE_LOWERCASE_SPACED = RegexRecognizer(
    entity="FR_PLATE",
    # "gh 512 tb", "gh512tb": lowercase without dashes only near a vehicle word
    pattern=rf"(?<![\w-])[{PLATE_LETTERS.lower()}]{{2}} ?\d{{3}} ?[{PLATE_LETTERS.lower()}]{{2}}(?![\w-])",
    score=0.3,
    context=_VEHICLE,
    context_score=0.8,
    context_window=80,
    name="fr_plate_lowercase_spaced",
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
    r"cours|square|sq\.|passage|voie|r[ée]sidence|r[ée]s\.|lotissement|lot\.|chauss[ée]e|faubourg|fbg|cit[ée]|hameau|"
    r"lieu-dit|lieudit|parvis|esplanade|promenade|sentier|venelle|villa|rond-point|ruelle|traverse|montée|mont[ée]e"
)
_CONNECTORS = {"de", "du", "des", "la", "le", "les", "l'", "d'", "l’", "d’", "aux", "au", "saint", "sainte", "st", "ste", "sur", "en"}
_STOP = {
    "et", "à", "a", "pour", "quand", "mais", "car", "où", "ou", "qui", "que", "qu'", "depuis", "avec", "chez", "dans",
    "il", "elle", "je", "j'", "on", "nous", "vous", "ils", "elles", "mon", "ma", "mes", "son", "sa", "ses", "leur",
    "leurs", "ce", "cette", "c'", "est", "était", "etait", "ai", "a", "avait", "puis", "alors", "donc", "près", "pres",
    "devant", "derrière", "entre", "vers", "par", "lors", "le", "la", "les", "un", "une", "y", "sans", "depuis",
}
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d{1,4}(?:-[^\W\d_][\w'’-]*)?(?!\d)", re.UNICODE)  # "du 14-Juillet"  # not "5900" of "59000 Lille"
_POSTCODE_CITY = re.compile(
    r",?\s*(?:\d{2}\s?\d{3})\s+[^\W\d_][\w'’-]*(?:[ -](?:(?:sur|sous|en|lès|les|le|la|de|du|des)\b|[A-ZÉ][\w'’-]*))*"
)
_ADDRESS_HEAD = re.compile(
    rf"(?:(?P<building>(?:\b(?i:esc(?:alier)?\.?\s*[A-Z0-9]{{1,2}}|b[âa]t(?:iment)?\.?\s*[A-Z0-9]{{1,2}}|aire d['’]accueil[^,.\d]{{0,40}}|app(?:ar)?t(?:ement)?\.?\s*(?:n°\s*)?\d{{1,4}}|foyer[^,.\d]{{1,40}}|camping[^,.\d]{{1,40}}),?\s+)+)?(?<!\d)(?<![hH:])(?<![^\W\d_])(?<!(?<![^\W\d_])\d[\s.-])(?P<number>\d{{1,4}})(?:\s?(?:bis|ter|[a-c]))?\s*,?\s+(?:(?i:de la|de l['’]|du|des)\s*)?|(?P<lead>\b(?:habite|habitons|habitent|vit|vis|vivons|stationne|stationnons|stationnent|stationn[ée]e?s?|install[ée]e?s?|domicili[ée]e?s?|demeurant|réside|résidant|logement|appartement|adresse\s*:?)\s+(?:au\s+|à\s+la\s+|a\s+la\s+|dans\s+la\s+|dans\s+le\s+|l[ea]\s+|sur\s+l[ea]\s+)?))"
    rf"(?P<type>\b(?:{STREET_TYPES}))(?=[\s,])",
    re.IGNORECASE,
)


_BUILDING_TAIL = re.compile(
    r",?\s+(?:(?i:tour|b[âa]t(?:iment)?\.?|esc(?:alier)?\.?|entr[ée]e|app?(?:ar)?t(?:ement)?\.?|porte|[ée]tage)\s*(?:n°\s*)?[A-Z0-9]{1,4}\b"
    r"|(?i:\d{1,2}\s?(?:e|er|ère|eme|ème)\s+[ée]tage)\b)"  # "12 rue X, 2e étage"
    # not the building of the next street address: "Résidence Les Pins, bât B, 2bis rue ..."
    rf"(?!\s*,?\s*\d{{1,4}}\s?(?:bis|ter|[a-c])?\s*,?\s+(?i:{STREET_TYPES})\b)"
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
            start = head.start("building") if head.group("building") else head.start("number") if head.group("number") else head.start("type")
            end = self._street_name_end(text, head.end("type"))
            if end == head.end("type"):
                continue  # "rue" alone is not an address
            building = _BUILDING_TAIL.match(text, end)
            while building:  # "cité Les Aubiers, tour 3", "12 rue X, bât. B, appt 4"
                end = building.end()
                building = _BUILDING_TAIL.match(text, end)
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
        r"\b(?i:r[ée]sidence|r[ée]s\.|cit[ée]|lotissement|hameau|domaine|immeuble|b[âa]timent|tour)\s+"
        r"(?:(?i:les|le|la|l'|l’|du|des|de)\s*)?[A-ZÉÈÀÂÎÔ][\w'’-]+(?:\s+(?:(?i:de|du|des|la|le|les)\s+)?[A-ZÉÈÀÂÎÔ][\w'’-]+)?"
        # then its building, staircase, flat: "Rés. Le Parc, bât. 4, appt 32"
        r"(?:,?\s+(?i:b[âa]t(?:iment)?\.?|esc(?:alier)?\.?|app?(?:ar)?t(?:ement)?\.?|porte|logement|tour|entr[ée]e|immeuble)\s*(?:n°\s*)?[A-Z0-9]{1,4}\b)*"
    ),
    score=0.6,
    name="fr_building",
)
LOWERCASE_BUILDING = RegexRecognizer(
    entity="FR_ADDRESS",
    # The same in lowercase, told by the building, flat or pitch that follows it:
    # "résidence les peupliers, bât 2", "camping les pins, emplacement 23"
    pattern=(
        r"\b(?i:r[ée]sidence|r[ée]s\.|cit[ée]|lotissement|hameau|domaine|camping|foyer)\s+"
        r"(?:(?i:les|le|la|l'|l’|du|des|de)\s*)?[^\W\d_][\w'’-]+(?:\s+(?:(?i:de|du|des|la|le|les)\s+)?[^\W\d_][\w'’-]+)?"
        r"(?:,?\s+(?i:b[âa]t(?:iment)?\.?|esc(?:alier)?\.?|app?(?:ar)?t(?:ement)?\.?|porte|logement|tour|entr[ée]e|"
        r"immeuble|emplacement|mobil-home|chalet)\s*(?:n°\s*)?[A-Za-z0-9]{1,4}\b)+"
    ),
    score=0.6,
    name="fr_lowercase_building",
)

# Names: recognizers_names.py.

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
    from recours.observatory.scrub import recognizers_ids, recognizers_names

    return [
        PHONE, GROUPED_PHONE, ANNOUNCED_PHONE_WITHOUT_ZERO, NIR, BIRTH_DATE, BARE_OLD_DATE, PLATE, PLATE_LOWERCASE, PLATE_LOWERCASE_SPACED, OLD_PLATE, ADDRESS,
        BUILDING, LOWERCASE_BUILDING, OfflineEmailRecognizer(),
    ] + recognizers_ids.recognizers() + recognizers_names.recognizers()
