"""Recognisers of identifiers: case, file, account and allocation numbers, IBANs by shape,
social-media handles, post-office boxes and named places without a street.

A reference is removed by its shape, not only after a word that announces it: a token
mixing digits with letters or separators that reads as a reference ("K8P3ZT2Q7",
"CAND-0098812", "2025/IGPN/00871"), or a bare number of 8 digits or more. Numbers that read
as something else stay: dates, times, amounts, percentages, years, articles of a code
("L.1132-1", "article 225-1") and laws ("loi n° 2008-496"). Shorter or digit-only shapes
("5129834", "RG 25/00417", "2021-05512") are taken after a word that announces a
reference: dossier, réf., n°, allocataire, matricule, contrat, client...
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from recours.observatory.scrub.recognizers import LANGUAGE, RegexRecognizer, iban_is_valid

# --- references -------------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_EDGE = "«»\"'’()[]{},;:!?…"
_ID_CHARS = re.compile(r"#?[A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9]))*")
_GLUED_NUMBER_SIGN = re.compile(r"(?i:n°|no\.|n[º°])")  # "n°2025-000417": the sign is not the reference
_NOT_A_REFERENCE = re.compile(
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"  # a date
    r"|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}"
    r"|(?:19|20)\d{2}[-/](?:19|20)\d{2}"  # 2024-2025
    r"|\d{1,2}[hH]\d{0,2}"  # 22h15
    r"|\d+(?:er|re|e|ème|eme|nd|nde)"  # ordinals
    r"|\d{1,4}(?:[.,]\d+)?(?:k|m|km|kg|cm|mm|ko|mo|go|€|eur|ans|an|mois|h|min|s)"
    r"|[A-Z][a-z]{2,}-\d{1,2}",  # Covid-19, Ligue-1: a name with a small number, not a reference
    re.IGNORECASE,
)
# L.1132-1, R4624-42 (not R12-4471): an article of a code, unless a word such as "matricule"
# announces it ("matricule R.7741").
_LAW_ARTICLE = re.compile(r"[LRDA]\.\s?\d{1,4}(?:-\d{1,4})*|[LRD]\d{3,4}(?:-\d{1,3})*")
# A register number and its year: "00942/2025", "2025/004412", "0417-2024" (no date has four
# digits on both sides of its separator; "2015-1142", four and four, stays a decree's).
_NUMBERED_IN_YEAR = re.compile(r"\d{5,}[/-](?:19|20)\d{2}|(?:19|20)\d{2}[/-]\d{5,}|0\d{3}[/-](?:19|20)\d{2}|(?:19|20)\d{2}[/-]0\d{3}")
_ID_WORD_BEFORE = re.compile(r"\b(?i:matricule|badge|rio|identifiant|id|agent)\s*(?:n°|:)?\s*$")
_AFTER_AMOUNT = re.compile(r"\s?(?:€|euros?\b|eur\b|%|pour ?cent|ans\b|mois\b|jours\b|km\b|m²|m2\b|habitants\b)", re.IGNORECASE)
_LAW_BEFORE = re.compile(
    # "mon ordonnance": a prescription, not a law
    r"\b(?:loi|d[ée]cret|(?<!mon )(?<!mon\xa0)(?<!son )(?<!votre )(?<!ton )(?<!une )ordonnance(?!\s+m[ée]dicale)|article|art\.|arr[êe]t[ée]|circulaire|directive|d[ée]lib[ée]ration|"
    r"r[èe]glement|code\s+(?:p[ée]nal|civil|du|de|des|g[ée]n[ée]ral)|convention(?!\s+(?:de\s+stage|d['’]alternance|d['’]accueil|de\s+formation|de\s+mise\s+à\s+disposition|d['’]occupation))|ape|naf|cerfa|jurisprudence|pourvoi|arr[êe]t|d[ée]cision)\b[^.\n]{0,12}$",
    re.IGNORECASE,
)
_REFERENCE_WORDS = re.compile(
    r"\b(?:dossiers?|r[ée]f(?:[ée]rences?)?\.?|n°|n[º°o]\.|num[ée]ros?|num\.?|rg|allocataire|matricule|contrat|client|"
    r"identifiant|id|suivi|sinistre|r[ée]clamation|proc[èe]s-verbal|pv|ipp|[ée]tranger|demande|transaction|plainte|"
    r"parquet|commande|facture|ticket|badge|candidat|adh[ée]rent|affaire|recours|requ[êe]te|signalement|"
    r"enregistrement|ine|compte|abonn[ée]e?|usager|patient|fiscal|agr[ée]ment|mission|avis|code|carte|passeport|"
    r"titre|permis|bordereau|colis|lettre|courrier|ordonnance|accus[ée]|r[ée]servation|r[ée]sa|billet|pnr|"
    r"confirmation|ticket|fiscal|devis|neph|rpps|adeli|agdref|caisse|rio|ric|grade|licence|plaque d['’]identification)(?![\w°])[^.\n\d]{0,30}$",
    re.IGNORECASE,
)
# A short prefix in capitals ("RG 25/00417", "IPP 400219873", "RG n° 25/01872") belongs to it.
_PREFIX = re.compile(r"\b[A-Z]{2,5}(?:\s?[Nn][°º])?\s?$")
_NUMBER_WORD_BEFORE = re.compile(
    r"(?:\bn°|\bn[º°o]\.|\b(?:num[ée]ro|num\.?|licence|matricule|dossier|r[ée]f(?:[ée]rence)?\.?|badge|carte|agr[ée]ment)"
    r"(?:\s+[^\W\d]+)?)\s*:?\s*$",
    re.IGNORECASE,
)
_SERVICE_NUMBER = re.compile(r"0 ?8\d{2}(?: ?\d{2,3}){2,3}")  # "0 800 360 360": a free public line
_PHONE_LIKE = re.compile(r"(?:(?:\+|00)?33 ?|0)[1-9](?:[ .-]?\d{2}){4}")
# A reference written in groups, after a word that announces it: "1234567 A",
# "PV 8841 2207 33", "1A 178 942 3345 6" (a registered letter).
_SPACED_ANNOUNCED = re.compile(
    r"(?:\b(?i:dossier|r[ée]f(?:[ée]rence)?\.?|num[ée]ro|num|allocataire|matricule|contrat|client|identifiant|suivi|"
    r"sinistre|r[ée]clamation|proc[èe]s-verbal|pv|recommand[ée]|plainte|commande|badge|carte|adh[ée]rent|billet|"
    r"r[ée]servation|fiscal|ame|ine|usager|patient|ticket|caisse|facture|devis|neph|rpps|adeli|agdref|mission)\b|"
    r"\b[Nn][°º])[^\d\n.;!?]{0,30}?"
    r"(?P<ref>(?:[A-Z]{2,4} )?[0-9][0-9A-Z]*(?: [0-9A-Z]{1,6}){1,7})"
)


def reference_score(token: str, before: str, after: str) -> float | None:
    """How much `token` reads as a reference, from its shape and the words before it."""
    if not _ID_CHARS.fullmatch(token) or _NOT_A_REFERENCE.fullmatch(token.lstrip("#")):
        return None
    if _LAW_ARTICLE.fullmatch(token) and not _ID_WORD_BEFORE.search(before):
        return None
    digits = sum(c.isdigit() for c in token)
    letters = sum(c.isalpha() for c in token)
    alnum = digits + letters
    separators = len(token) - alnum
    if (digits < 3 and not (letters >= 2 and digits >= 1)) or _AFTER_AMOUNT.match(after):
        return None
    if _LAW_BEFORE.search(before):
        return None
    announced = bool(_REFERENCE_WORDS.search(before))
    if announced and letters >= 2 and 1 <= digits < 3 and alnum >= 5 and token.isupper() and token.isalnum():
        return 0.7  # "réservation XK7P2M": a booking code
    if letters and alnum >= 6:
        strong = True
    elif letters:
        strong = False
    elif separators:
        strong = False  # 2021-05512, 25/00417: a date, a law, a phone number look alike
        if digits < 5:
            return None
        if _NUMBERED_IN_YEAR.fullmatch(token) and not announced:
            return 0.6  # "00942/2025", "2025/004412": a number in its year's register, even unannounced
    elif digits == 4:
        # "licence n° 1874": four digits only right after a word that announces a number
        if re.fullmatch(r"(?:19|20)\d{2}", token) or not _NUMBER_WORD_BEFORE.search(before):
            return None
        if token.startswith("3") and re.search(r"\bnum[ée]ro\s*(?:vert|court|d['’]appel)?\s*$", before, re.IGNORECASE):
            return None  # "le numéro 3635": a public service's short number (3919, 3977...)
        return 0.65
    else:
        if re.fullmatch(r"(?:19|20)\d{2}", token):
            return None  # a year
        strong = digits >= 8
        if digits < 5:
            return None
    if strong:
        return 0.75 if announced else 0.6
    return 0.7 if announced else None


class ReferenceRecognizer(EntityRecognizer):
    def __init__(self):
        super().__init__(supported_entities=["FR_REFERENCE"], supported_language=LANGUAGE, name="fr_reference")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        return self._tokens(text) + self._spaced(text)

    @staticmethod
    def _tokens(text: str) -> list[RecognizerResult]:
        results = []
        for match in _TOKEN.finditer(text):
            raw = match.group(0)
            if "@" in raw or "://" in raw or raw.lower().startswith("www."):
                continue
            start, end = match.start(), match.end()
            while start < end and text[start] in _EDGE:
                start += 1
            while end > start and (text[end - 1] in _EDGE or text[end - 1] == "."):
                end -= 1
            glued = _GLUED_NUMBER_SIGN.match(text, start)
            if glued and glued.end() < end:
                start = glued.end()
            token = text[start:end]
            before = text[max(0, start - 50) : start]
            score = reference_score(token, before, text[end : end + 12])
            if score is None:
                continue
            prefix = _PREFIX.search(before)
            if prefix:
                start -= len(before) - prefix.start()
            results.append(RecognizerResult("FR_REFERENCE", start, end, score))
        return results

    @staticmethod
    def _spaced(text: str) -> list[RecognizerResult]:
        results = []
        for found in _SPACED_ANNOUNCED.finditer(text):
            start = found.start("ref")
            chunks = found.group("ref").split(" ")
            # the last groups must hold a digit or be one capital ("1234567 A. Je..." stops at "A")
            while chunks and not any(c.isdigit() for c in chunks[-1]) and not re.fullmatch(r"[A-Z]", chunks[-1]):
                chunks.pop()
            value = " ".join(chunks)
            end = start + len(value)
            if len(chunks) < 2 or sum(c.isdigit() for c in value) < 5 or re.match(r"[\w'’]", text[end : end + 1]):
                continue
            if _PHONE_LIKE.fullmatch(value) or _SERVICE_NUMBER.fullmatch(value) or _AFTER_AMOUNT.match(text, end):
                continue
            if _LAW_BEFORE.search(text[max(0, start - 50) : start]):
                continue
            results.append(RecognizerResult("FR_REFERENCE", start, end, 0.7))
        return results


REFERENCE = ReferenceRecognizer()

# --- IBAN by shape ------------------------------------------------------------------------

# Lengths of IBANs by country (ISO 13616 registry), for the countries people here write most.
IBAN_LENGTHS = {
    "FR": 27, "MC": 27, "DE": 22, "BE": 16, "ES": 24, "IT": 27, "PT": 25, "GB": 22, "NL": 18, "CH": 21, "LU": 20,
    "IE": 22, "AT": 20, "PL": 28, "RO": 24, "MA": 28, "TN": 24, "DZ": 26, "SN": 28, "CI": 28, "ML": 28, "CM": 27,
    "TR": 26, "GR": 27,
}
_IBAN_CONTEXT = re.compile(r"\b(?:iban|rib|compte|virement|banque|bancaire|pr[ée]l[èe]vement)\b", re.IGNORECASE)


class IbanRecognizer(RegexRecognizer):
    """An IBAN with a valid checksum; a mistyped one too when it has its country's length,
    or next to "IBAN", "RIB", "compte"..."""

    def __init__(self):
        super().__init__(
            entity="IBAN_CODE",
            pattern=r"(?<![\w-])[A-Za-z]{2} ?\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,3})?(?![\w-])",
            score=1.0,
            name="fr_iban",
        )

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for match in self.regex.finditer(text):
            compact = re.sub(r"[\s-]", "", match.group(0)).upper()
            if iban_is_valid(compact):
                score = 1.0
            elif IBAN_LENGTHS.get(compact[:2]) == len(compact) or (compact[:2] in ("FR", "MC") and 24 <= len(compact) <= 30):
                score = 0.95  # mistyped (check digits, a character too many or missing): still an IBAN
            elif _IBAN_CONTEXT.search(text[max(0, match.start() - 40) : match.start()]) and len(compact) >= 14:
                score = 0.8
            else:
                continue
            results.append(RecognizerResult("IBAN_CODE", match.start(), match.end(), score))
        return results


IBAN = IbanRecognizer()
RIB = RegexRecognizer(
    entity="IBAN_CODE",
    # A French RIB: bank code, branch code, account number, key: "30006 00001 12345678901 89"
    pattern=r"(?<![\w-])\d{5}[ -]?\d{5}[ -]?[0-9A-Za-z]{11}[ -]?\d{2}(?![\w-])",
    score=0.9,
    name="fr_rib",
)

# --- social-media handles -----------------------------------------------------------------

HANDLE = RegexRecognizer(
    entity="SOCIAL_HANDLE",
    # "@lina.krm", "@handi_rider75" (not the middle of an email address)
    pattern=r"(?<![\w.@])@\w(?:\w|\.(?=\w)){1,29}",
    score=0.8,
    name="fr_social_handle",
)
NAMED_HANDLE = RegexRecognizer(
    entity="SOCIAL_HANDLE",
    # "snap lina.krm92", "insta : yasmine_off", "pseudo: kevdu93": a handle without its @
    pattern=(
        # (a capital is allowed: "mon leboncoin c'est Karimo75"; a digit, "_" or "." is required, and a letter)
        r"\b(?i:insta(?:gram)?|snap(?:chat)?|tiktok|twitter|facebook|fb|discord|telegram|twitch|pseudo|leboncoin|"
        r"vinted|linkedin|youtube|threads|bluesky|reddit|compte|profil)\s*(?i::|c['’]est|cest|est|s['’]appelle|je suis|jsuis|j['’]suis|moi c['’]est)?\s*"
        r"(?P<handle>(?=[A-Za-z0-9_.]*[0-9_.#])(?=[0-9_.]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_]|\.(?=[A-Za-z0-9_])){2,29}(?:#\d{4})?)(?![\w@]|\.\w)"
    ),
    group="handle",
    score=0.7,
    name="fr_named_handle",
)

DISCORD_TAG = RegexRecognizer(
    entity="SOCIAL_HANDLE",
    # "kevin#4421"
    pattern=r"(?<![\w#])[A-Za-z0-9_.]{2,32}#\d{4}(?!\w)",
    score=0.8,
    name="fr_discord_tag",
)

# --- post-office boxes, named places ------------------------------------------------------

PO_BOX = RegexRecognizer(
    entity="FR_ADDRESS",
    # "BP 41", "B.P. 1203", "boîte postale 12", "CS 70001", "TSA 30120"
    pattern=r"\b(?:BP|B\.P\.|(?i:bo[îi]te postale)|CS|TSA)\s?\d{1,5}\b",
    score=0.9,
    name="fr_po_box",
)
PITCH = RegexRecognizer(
    entity="FR_ADDRESS",
    # "camping les Pins, emplacement 14", "emplacement 14 du camping les Pins", "foyer Adoma, chambre 212":
    # a pitch, a room or a mobile home in a named place is where someone lives
    pattern=(
        r"\b(?i:camping|aire d['’]accueil|foyer|h[ôo]tel|r[ée]sidence|centre d['’]h[ée]bergement|chrs|cada|huda|internat)"
        r"\s+[^,.;\n\d]{1,40}?,?\s+(?i:emplacement|chambre|mobil-?home|caravane|parcelle|bungalow|studio|logement|box|ch\.)"
        r"\s*(?:n°\s*)?\d{1,4}[A-Za-z]?\b"
        r"|\b(?i:emplacement|chambre|mobil-?home|caravane|parcelle|bungalow)\s*(?:n°\s*)?\d{1,4}[A-Za-z]?\s+"
        r"(?i:du|de l['’]|de la|au|à l['’]|a l['’])\s*(?i:camping|aire d['’]accueil|foyer|h[ôo]tel|r[ée]sidence|chrs|cada|huda|internat)"
        r"(?:\s+(?:(?i:les|le|la|l['’]|du|des|de)\s*)?[A-ZÉÈÀÂÎÔ][\w'’-]+){1,3}"
    ),
    score=0.85,
    name="fr_pitch",
)
LIEU_DIT = RegexRecognizer(
    entity="FR_ADDRESS",
    # "lieu-dit La Grange Neuve", "au lieu dit les Granges", "hameau de Kerdanet", "lieu-dit La Grange aux Bois"
    pattern=(
        r"\b(?i:lieu[- ]?dit|hameau(?:\s+de)?|mas|ferme|moulin|domaine)\s+"
        r"(?:(?i:les|le|la|l'|l’|du|des|de|d'|d’)\s*)?[A-ZÉÈÀÂÎÔ][\w'’-]+"
        r"(?:\s+(?:(?i:de la|de|du|des|la|le|les|aux|au|sur|sous|en|d'|d’)\s*)?[A-ZÉÈÀÂÎÔ][\w'’-]+){0,3}"
    ),
    score=0.9,
    name="fr_lieu_dit",
)


def recognizers() -> list[EntityRecognizer]:
    return [REFERENCE, IBAN, RIB, HANDLE, NAMED_HANDLE, DISCORD_TAG, PO_BOX, PITCH, LIEU_DIT]
