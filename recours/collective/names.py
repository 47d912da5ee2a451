"""Respondents' names as the search compares them, and the SIREN/SIRET check. Pure functions.

`name_normalise("S.C.I. LES TILLEULS")`, `("Les Tilleuls (SCI)")` and `("sci les tilleuls")`
are all "les tilleuls": lower case, no accents, dotted acronyms joined ("S.C.I." → "sci"), every
other punctuation a space, and the legal-form words (SARL, SAS, SCI...) dropped wherever they
stand — before the name, after it or in parentheses.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

# Legal forms of French companies and bodies, as people write them before or after a name.
LEGAL_FORMS = frozenset({
    "sa", "sas", "sasu", "sarl", "eurl", "sci", "snc", "scs", "sca", "scp", "scm", "scop", "scic",
    "sem", "spl", "selarl", "selas", "selafa", "gie", "gip", "ei", "eirl", "earl", "gaec", "sccv",
    "scpi", "sell", "selca", "sasp", "micro", "entreprise", "individuelle",
})
_DOTTED_ACRONYM = re.compile(r"(?<![\w])((?:[a-z0-9]\.){2,}[a-z0-9]?)(?![\w])")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_tokens(name: str) -> list[str]:
    """The words of a name as compared: lower case, no accents, no punctuation, no legal form."""
    text = _strip_accents((name or "").casefold()).replace("œ", "oe").replace("æ", "ae")
    text = _DOTTED_ACRONYM.sub(lambda match: match.group(1).replace(".", ""), text)
    words = _NOT_WORD.sub(" ", text).split()
    kept = [word for word in words if word not in LEGAL_FORMS]
    return kept or words  # a name that is only a legal form ("SCI") keeps it


def name_normalise(name: str) -> str:
    return " ".join(name_tokens(name))


def name_similarity(query: str, candidate: str) -> float:
    """0..1: how close two normalised names are (portable: the SQLite fallback and individuals).

    Each word of the query is matched to its best word of the candidate (a word that starts
    the other counts as a full match, so typing "les til" finds "les tilleuls"), averaged,
    then blended with difflib's ratio on the whole names."""
    query_words, candidate_words = query.split(), candidate.split()
    if not query_words or not candidate_words:
        return 0.0
    scores = []
    for word in query_words:
        best = 0.0
        for other in candidate_words:
            if other.startswith(word) or word.startswith(other):
                best = 1.0
                break
            best = max(best, difflib.SequenceMatcher(None, word, other).ratio())
        scores.append(best)
    words = sum(scores) / len(scores)
    whole = difflib.SequenceMatcher(None, query, candidate).ratio()
    return 0.75 * words + 0.25 * whole


def luhn_valid(digits: str) -> bool:
    """The Luhn key of a SIREN (9 digits) or SIRET (14 digits)."""
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# La Poste's establishments (SIREN 356000000) do not follow the Luhn key: their SIRET sums
# to a multiple of 5 instead (INSEE's rule).
LA_POSTE_SIREN = "356000000"


def siret_clean(value: str) -> str:
    """The digits of a SIREN or SIRET as typed (spaces and dots removed)."""
    return re.sub(r"[\s.\-]", "", value or "")


def siret_valid(digits: str) -> bool:
    if len(digits) not in (9, 14) or not digits.isdigit():
        return False
    if len(digits) == 14 and digits.startswith(LA_POSTE_SIREN):
        return sum(int(char) for char in digits) % 5 == 0
    return luhn_valid(digits)
