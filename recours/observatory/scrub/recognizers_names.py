"""People's names: introduced by a title ("Mme Martin", "M. de Montaigu"), a phrase ("je
m'appelle ...", "s'appelle ..."), a relation ("ma collègue Sophie", "mon fils yanis"), a
signature at the end, or given before their contact details; and first names written alone ("Rayan m'a dit", "léa et jordan étaient là"),
with the surname that follows them ("Philippe DELAUNAY", "Hélène Mbaye-Lefort").

The first names are a list shipped with the code (data/first_names.txt, written for the
project). A capitalised first name is a name unless it is also a common word
(data/ambiguous_first_names.txt: Rose, Pierre, Noël...) and opens a sentence or comes
without a surname (spaCy may still take it), or it names a place
("rue Victor Hugo", "collège Paul Éluard", "hôpital Jean Verdier"). A lowercase one is a
name unless it is also a common word; it takes the next lowercase word as surname only when
the text ends or a number follows (a signature: "clémence petit 06 ...").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from presidio_analyzer import EntityRecognizer, RecognizerResult

from recours.observatory.scrub.recognizers import LANGUAGE, RegexRecognizer

DATA = Path(__file__).parent / "data"

# --- names introduced by a title or a phrase ------------------------------------------------

# Letters of names, Latin alphabets beyond French included (Yılmaz, Đặng Văn, Łukasz, Gutiérrez).
_LATIN = [chr(c) for c in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)] if chr(c).isalpha()]
_UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper())
_LOWER = "a-z" + "".join(c for c in _LATIN if c.islower())
_NAME = rf"[{_UPPER}]['’][{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*|[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}]+)*|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})*"
# Particles of surnames: "de Montaigu", "Le Floch", "Van der Berg", "Ben Saïd", "El Amrani".
PARTICLES = (
    r"(?:[Vv]an [Dd]e[rn]|[Vv]an|[Vv]on|[Dd]e [Ll]a|[Dd]e|[Dd]u|[Dd]es|[Dd]['’]|L[ea]|Ben|BEN|[Bb]in|El|EL|Al|AL|"
    r"Ould|Abou|Da|Di|Dos|Mac|Mc|Ter|Ibn|N['’])"
)
_PNAME = rf"(?:{PARTICLES}\s*(?=[{_UPPER}]))?(?:{_NAME})"
_NAME_STOP = (
    r"(?!(?:Le|La|Les|Un|Une|Il|Elle|Je|On|Nous|Vous|Et|Mais|Car|Qui|Que|Quand|Depuis|Directeur|Directrice|"
    r"Maire|Préfet|Président|Présidente|Responsable|Chef|Docteur|Madame|Monsieur|Mademoiselle|Mme|Mmes|Mlle|Mr|Dr|Me|Pr|Maître)\b)"
)
TITLED_NAME = RegexRecognizer(
    entity="PERSON",
    pattern=(
        r"(?:\b(?:M\.|MM\.|Mr\.?|Mme|Mmes|Mlle|Monsieur|Madame|Mademoiselle|Docteure?|Dr\.?|Maître|Me|Pr\.?|"
        r"Professeure?|Ma[îi]tre|Capitaine|Lieutenant|Brigadier|Commandant|Adjudant|Sergent|Agent)\s+"
        r"(?:(?:veuve|vve|épouse|[ée]p\.|née)\s+)?)"
        rf"(?P<name>(?:{PARTICLES}\s*(?=[{_UPPER}]))?{_NAME_STOP}(?:{_NAME})(?:\s+(?:{PARTICLES}\s*(?=[{_UPPER}]))?{_NAME_STOP}(?:{_NAME})){{0,3}}"
        rf"(?:\s[{_UPPER}]\.(?![\w.]))?)"  # an initial: "M. Lucas T."
    ),
    group="name",
    score=0.9,
    name="fr_titled_name",
)
_LOWER_NAME = r"[a-zéèêëàâîïôöûüç][a-zéèêëàâîïôöûüç'’-]+"
# Particles that are no French word: after a lowercase name, what follows them is a surname
# ("thierry da silva", "dr nguyen van thanh", "karim bel hadj", "delphine van der linden").
_FOREIGN_PARTICLE = r"(?:van der|van den|van de|de los|de las|van|von|da|das|dos|di|del|el|al|ben|bel|bin|ould|abou|ibn|ter|ap)"
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
    "bénéficiaire", "allocataire", "propriétaire", "titulaire", "fonctionnaire", "stagiaire", "célibataire",
    "aide", "agente", "gardien", "gardienne", "employé", "employée", "voisin", "voisine", "ami", "amie", "cousin",
    "cousine", "client", "cliente", "patient", "patiente", "élève", "parent", "délégué", "déléguée", "représentant",
    "représentante", "demandeur", "demandeuse", "bénévole", "gérant", "gérante", "parce", "puisque", "afin", "alors",
    "après", "avant", "pendant", "comme", "prêt", "prête", "prêts", "prêtes", "partant", "partante", "auxiliaire", "mise", "mis", "prise", "pris", "faite", "obligé", "obligée", "forcé", "forcée", "locataire", "intérimaire", "gestionnaire", "mandataire", "signataire", "veuve", "veuf", "divorcé", "divorcée", "originaire", "joignable", "disponible", "sous",
}
# "je suis heberger", "je suis roumain", "je suis marocaine": verbs and nationalities
_NOT_A_NAME_LOWER_ENDINGS = (
    "er", "ez", "ain", "aine", "ais", "aise", "ien", "ienne", "ois", "oise", "ol", "ole", "eur", "ier", "ière",
)
_PARTICLE_WORDS = {"de", "du", "des", "d'", "d’", "le", "la", "van", "von", "ben", "bin", "el", "al", "ould", "abou", "da", "di", "dos", "ter", "ibn"}
_NOT_A_NAME_ENDINGS = (
    "é", "ée", "és", "ées", "ant", "ante", "ive", "if", "eux", "euse", "ment", "ique", "iste", "able", "ible",
)


def _looks_like_a_name(match: re.Match) -> float | None:
    """Drop what follows "je suis", "s'appelle"... when it is a common word, not a name."""
    words = match.group("name").split()
    first = words[0].casefold()
    if re.match(r"[.@_]\w", match.string[match.end("name") : match.end("name") + 2]):
        return None  # "je suis nassim.shop": a handle, not a name
    if first in ("le", "la", "les") and re.search(r"[«\"“]\s*$", match.string[: match.start("name")]):
        return None  # « la Malienne »: a nickname made of a description, not a surname
    if first in _PARTICLE_WORDS and len(words) > 1 and words[1][:1].isupper():
        return 0.85  # "il s'appelle Le Goff"
    if first in _NOT_A_NAME or "'" in first or "’" in first:
        return None
    if words[0][:1].islower() and first.endswith(("ait", "aient", "era", "erait")) and first not in first_names():
        return None  # "mon nom faisait peur": a verb, not a name
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 5 and first not in first_names():
        return None  # "je suis AED", "je suis ATSEM": a job's acronym
    if (len(words) > 1 and words[0][:1].islower() and first not in first_names() and first not in open_first_names()
            and first not in ambiguous_first_names() and re.search(r"(?i:suis)\s+$", match.string[: match.start("name")])):
        from recours.observatory.scrub.lexicon import is_french_word

        if all(is_french_word(w) for w in words):
            return None  # "je suis médecin généraliste": what they are, not who ("je suis jade" stays a name)
    if words[0][:1].islower() and first.endswith(_NOT_A_NAME_ENDINGS + _NOT_A_NAME_LOWER_ENDINGS):
        if first not in first_names():
            return None
    return 0.85


_RANK = re.compile(r"(?i:lieutenant|capitaine|commandant|brigadier|adjudant|sergent|major|gardien de la paix)\s+$")


def _after_a_title(match: re.Match) -> float | None:
    """After "m.", "mme", "dr", a lowercase word is a name unless it is a common one ("madame la ...");
    after a rank ("le capitaine a dit", "le lieutenant était"), unless it reads as a verb too."""
    words = match.group("name").split()
    if len(words) > 1:  # "mme da costa", "m. de la fontaine", "madame la directrice"
        from recours.observatory.scrub.lexicon import is_french_word

        last = words[-1].casefold()
        if last in _KIN_NOT_A_NAME or "'" in last or "’" in last:
            return None
        if words[0].casefold() in ("le", "la", "el", "al") and is_french_word(last):
            return None
        return 0.7
    first = words[0].casefold()
    if first in _NOT_A_NAME or first in ("cest", "c", "ct") or "'" in first or "’" in first:
        return None
    if re.search(r"(?i:ma[îi]tre)\s+$", match.string[: match.start("name")]):
        from recours.observatory.scrub.lexicon import is_french_word

        if is_french_word(words[0]) and first not in first_names():
            return None  # "le maître nageur", "maître chien": a trade, not "maître Dupont"
    if _RANK.search(match.string[: match.start("name")]) and (
        first in _KIN_NOT_A_NAME or first.endswith(_NOT_A_NAME_ENDINGS + ("ait", "aient", "era", "ira"))
    ):
        return None
    return 0.7


_NAME_WORDS = rf"(?:{_NAME}|{_LOWER_NAME})(?:[ \t]+(?:le|la|de|du|van|ben|el)[ \t]+{_LOWER_NAME}(?=\s*(?:$|[.,;\n\d])))?(?:[ \t]+(?!(?:et|je|j|mais|de|du|à|a|le|la|les|depuis|qui|que|car|ma|mon|mes|ai|suis|est|habite|travaille|vis|jai|j'ai|ne|né|née|au|en|ou|pour|on|il|elle|ils|elles|sur|sous|sa|son|ses|ta|ton|tes|dans|avec|par|chez|vers|se|s|ce|cet|cette|ces|y|lui|leur|nous|vous|était|etait|avait|dit|me|m|te|t|tout|pas|plus|aussi|hier|aujourd'hui)\b)(?:{_NAME}|{_LOWER_NAME})){{0,2}}"
INTRODUCED_NAME = RegexRecognizer(
    entity="PERSON",
    # "je m'appelle Karim Benali", "je m appelle karim", "elle sapelle ...", "nommé X", "jsuis léa martin"
    pattern=(
        r"(?:\b[mtsl]['’ ]?\s?app?ell?(?:e|es|ent|ait|aient)\s+[«\"“]?\s*|\b(?:nomm[ée]e?|pr[ée]nomm[ée]e?|surnomm[ée]e?|"
        r"(?:mon|son|leur) nom(?: est| c'est| :|:)?|moi c['’]?est|moi c(?=\s)|c['’]est moi|porte le nom|porte le nom de|nom de famille\s*:?|patronyme\s*:?|"
        r"(?:avait|a|avec|portait|porte|lu|vu|noté|note|relevé) le nom(?: de)?|le nom (?:de famille )?(?:écrit|inscrit|marqué|affiché))\s+|(?i:\bje suis|\bjsuis|\bj'suis|\bchuis)\s+)"
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
    pattern=(
        r"(?:\b(?:m\.|mr\.?|mme|mlle|monsieur|madame|mademoiselle|dr\.?|docteur|ma[îi]tre|lieutenant|capitaine|"
        r"commandant|brigadier|adjudant|sergent|major|gardien de la paix)\s+)"
        rf"(?P<name>(?:(?:de la|de|du|da|das|dos|di|van der|van den|van|von|le|la|el|al|ben|bin|ould|ter)[ \t]+)?{_LOWER_NAME}"
        rf"(?:[ \t]+{_FOREIGN_PARTICLE}[ \t]+{_LOWER_NAME})?)"
    ),
    group="name",
    score=0.7,
    validate=_after_a_title,
    name="fr_lowercase_titled_name",
)
RELATIVE_NAME = RegexRecognizer(
    entity="PERSON",
    # "mon fils Yanis", "ma collègue Sophie Durand", "le manager, Julien Morel"
    pattern=(
        r"\b(?i:(?:mon|ma|notre|son|sa|le|la|leur|un|une)\s+(?:fils|fille|mari|femme|épouse|epouse|compagnon|compagne|conjoint|"
        r"conjointe|fr[èe]re|s[œo]eur|m[èe]re|p[èe]re|enfant|collègue|collegue|coll[èe]gue|voisine?|amie?|"
        r"manager|cheffe?|sup[ée]rieure?|patron(?:ne)?|propriétaire|proprio|bailleur|bailleresse|directeur|directrice|"
        r"professeure?|prof|institutrice|instituteur|m[ée]decin|avocate?|employeur|responsable|gérante?|gerante?|"
        r"neveu|nièce|niece|cousine?|oncle|tante|petit-fils|petite-fille|fianc[ée]e?|agent|témoin|temoin|pote|copain|"
        r"copine|camarade|beau-fr[èe]re|belle-s[œo]eur|belle-m[èe]re|beau-p[èe]re|grand-m[èe]re|grand-p[èe]re|mamie|"
        r"papi|tonton|tata|binôme|[ée]l[èe]ve|cliente?|conseill[èe]re?|[ée]ducat(?:eur|rice)|r[ée]f[ée]rente?|"
        r"infirmi[èe]re?|aide-soignante?|nounou|aesh|coloc|colocataire|famille))"
        r"(?:\s+(?:de|d['’]|âgée?|agée?)\s*\d{1,2}\s+ans)?\s*,?\s+"
        rf"(?P<name>{_NAME_STOP}(?:{_NAME})(?:\s+{_NAME_STOP}(?:{_PNAME})){{0,2}})"
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
    "serait", "sera", "aurait", "aura", "reste", "vient", "habite", "travaille", "pense", "croit", "ne", "n",
    "soit", "sois", "ait", "aie", "fût", "fasse", "puisse", "aille", "doive",
    "mme", "mmes", "mlle", "mr", "monsieur", "madame", "mademoiselle", "dr", "docteur", "maître", "maitre", "me",
}


_FOLLOWED_BY_AN_OBJECT = re.compile(r"\s+(?:son|sa|ses|le|la|les|un|une|des|mon|ma|mes|leur|leurs|ce|cette|ces)\b")


def _kin_name(match: re.Match) -> float | None:
    word = match.group("name").casefold()
    if _FOLLOWED_BY_AN_OBJECT.match(match.string, match.end("name")):
        return None  # "ma femme enlève son voile": a verb
    if word in _KIN_NOT_A_NAME or len(word) < 3 or "'" in word or "’" in word:
        return None
    # "hospitalisé", "scolarisée" are not names, but "zoé", "chloé", "renée" are: short words
    # ending like a participle stay names here.
    if word.endswith(_NOT_A_NAME_ENDINGS) and not (word.endswith(("é", "ée")) and len(word) <= 5):
        return None
    if word.endswith(("ait", "aient", "era", "era", "ira")):
        return None  # "ma fille serait", "mon fils partira": verbs
    return 0.6


LOWERCASE_RELATIVE_NAME = RegexRecognizer(
    entity="PERSON",
    # lowercase writing: "mon fils yanis", "ma voisine fatou", "mon frère karim"
    pattern=(
        r"\b(?i:(?:mon|ma|notre|son|sa|leur)\s+(?:fils|fille|mari|femme|épouse|epouse|compagnon|compagne|conjoint|"
        r"conjointe|fr[èe]re|s[œo]eur|enfant|voisine?|amie?|neveu|nièce|niece|cousine?|oncle|tante|petit-fils|"
        r"petite-fille|fianc[ée]e?|coll[èe]gue|colocataire|coloc|pote|copain|copine|camarade|beau-fr[èe]re|"
        r"belle-s[œo]eur|mamie|papi|tonton|tata))(?:\s+(?:de|d['’]|âgée?|agée?)\s*\d{1,2}\s+ans)?\s*,?\s+"
        rf"(?P<name>{_LOWER_NAME})\b"
    ),
    group="name",
    score=0.6,
    validate=_kin_name,
    name="fr_lowercase_relative_name",
)

def _role_name(match: re.Match) -> float | None:
    """After a role ("mon tuteur xabi", "la cheffe de rayon ..."), a lowercase word is a name
    when a list holds it as a first name or it is no French word nor place (roles are followed by
    verbs and adjectives: "mon chef refuse", "mon patron raciste")."""
    from recours.observatory.scrub.lexicon import fold, is_french_word, place_names

    word = match.group("name")
    key = word.casefold()
    if key in _KIN_NOT_A_NAME or len(key) < 3 or "'" in key or "’" in key or key in _ACRONYMS:
        return None
    if _FOLLOWED_BY_AN_OBJECT.match(match.string, match.end("name")):
        return None
    if key in first_names() or key in open_first_names():
        return 0.6
    if is_french_word(word) or fold(word) in place_names() or key.endswith(_NOT_A_NAME_ENDINGS + ("ait", "aient")):
        return None
    return 0.55


_LOWERCASE_ROLE_NAME = re.compile(
    r"\b(?i:(?:mon|ma|notre|son|sa|leur|votre)\s+(?:tut(?:eur|rice)|chef(?:fe)?|patron(?:ne)?|manager|responsable|"
    r"sup[ée]rieure?|coll[èe]gue|binôme|binome|prof|professeure?|ma[îi]tre(?:sse)? de stage|format(?:eur|rice)|"
    r"entra[îi]n(?:eur|euse)|coach|conseill[èe]re?|r[ée]f[ée]rente?|[ée]ducat(?:eur|rice)|interpr[èe]te|"
    r"m[ée]decin|avocate?|g[ée]rante?|propri[ée]taire|proprio|bailleur|directeur|directrice|infirmi[èe]re?|"
    r"assistante? sociale?|aesh|avs|kin[ée]|psy))\s*,?\s+"
    rf"(?P<name>{_LOWER_NAME})(?![\w'’-])(?![.@_]\w)"
)


class LowercaseRoleNameRecognizer(EntityRecognizer):
    """"mon tuteur xabi etxeberria", "ma prof mme ...": a lowercase name after a role, with the
    surname that follows it when that is no French word ("xabi etxeberria", "paul da costa")."""

    def __init__(self):
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE, name="fr_lowercase_role_name")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for match in _LOWERCASE_ROLE_NAME.finditer(text):
            score = _role_name(match)
            if score is None:
                continue
            end = _lowercase_particle_surname(text, match.end("name"))
            if end == match.end("name"):
                end = _unlisted_lower_surname(text, end)
            results.append(RecognizerResult("PERSON", match.start("name"), end, score))
        return results


APOSTROPHE_NAME = RegexRecognizer(
    entity="PERSON",
    # "N'Diaye", "N’Guessan-Fall", "O'Neil", "D'Souza": a capital, an apostrophe, a capitalised word
    pattern=rf"(?<![\w'’])[NOD]['’][{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*",
    score=0.6,
    name="fr_apostrophe_name",
)



@cache
def _names(filename: str) -> frozenset[str]:
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def first_names() -> frozenset[str]:
    """The hand-written list: taken capitalised, and in lowercase alone ("léa et jordan")."""
    return _names("first_names.txt") - ambiguous_first_names()


@cache
def open_first_names() -> frozenset[str]:
    """The long tail built from open data (scripts/build_first_names.py): taken capitalised,
    and in lowercase only with context."""
    return _names("open_first_names.txt") - first_names() - ambiguous_first_names()


@cache
def ambiguous_first_names() -> frozenset[str]:
    """First names that are also common words or places: only capitalised, with a surname."""
    return _names("ambiguous_first_names.txt") | _names("open_ambiguous_first_names.txt")


def is_first_name(word: str) -> bool:
    """Whether any list of first names holds `word` (ambiguous ones included)."""
    key = word.casefold()
    return key in first_names() or key in open_first_names() or key in ambiguous_first_names()


_WORD = re.compile(rf"[{_UPPER}{_LOWER}]+(?:[-'’][{_UPPER}{_LOWER}]+)*")
_PLACE_BEFORE = re.compile(
    r"\b(?:rue|avenue|av|bd|boulevard|place|pl|coll[èe]ge|lyc[ée]e|[ée]cole|groupe scolaire|maternelle|h[ôo]pital|"
    r"clinique|chu|saint|sainte|st|ste|gare|square|all[ée]e|centre|stade|r[ée]sidence|cit[ée]|quai|impasse|pont|"
    r"parc|m[ée]tro|station|fondation|institut|universit[ée]|facult[ée]|promenade|cours|chemin|association|salle|"
    r"espace|maison|foyer|cr[èe]che|ehpad|m[ée]diath[èe]que|biblioth[èe]que|gymnase|piscine|tram|arr[êe]t|prix|"
    r"quartier|march[ée]|cabinet|pharmacie|boulangerie|restaurant|bar|caf[ée]|h[ôo]tel|magasin|club|"
    r"entreprise|soci[ ée]t[ée]|journal|radio|dispositif|loi|plan|m[ée]dical|m[ée]dicale|lieu[- ]?dit|hameau|"
    r"domaine|mas|ferme|moulin|agence|enseigne|franchise)"
    rf"\s+(?:(?:du|de|des|la|le|l['’])\s*)?(?:[{_UPPER}][\w'’-]*\s+){{0,2}}$",
    re.IGNORECASE,
)
_NEXT_NAME = re.compile(
    rf"\s+((?:{PARTICLES}\s*(?=[{_UPPER}]))?(?:[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}]+)*|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})*)"
    rf"|[{_UPPER}]\.(?![\w.]))"  # an initial: "Jonas K.", "Élio B."
)
_NEXT_LOWER = re.compile(
    rf"[ \t]+([{_LOWER}][{_LOWER}'’-]+)(?![\w'’-])(?![.@_+]\w)(?=\s*(?:\Z|\n|[\d+@(]|,\s*\d|\S+@|"
    r"[,;]\s*(?i:num[ée]ro|num|n°|t[ée]l|portable|mail|courriel|e-mail|n[ée]e?\b|adresse|joignable|dossier|r[ée]f)|"
    r"\s+n[ée]e?\s+(?:le|en|à|a)\b))"
)
_ACRONYMS = {
    "caf", "cpam", "sncf", "ratp", "bac", "igpn", "iggn", "cdi", "cdd", "rsa", "apl", "aah", "ehpad", "hlm", "rh", "drh",
    "sms", "tgv", "ter", "rer", "vtc", "mdph", "pmi", "ase", "cmu", "css", "ame", "urssaf", "pv", "rib", "iban", "smic",
    "rdv", "svp", "stp", "ok", "tel", "mail", "cv", "bts", "dut", "bac", "cap", "ok", "ps", "nb", "pdf",
}
_NEXT_LOWER_ANY = re.compile(rf"[ \t]+([{_LOWER}][{_LOWER}'’-]+)\b(?![\w'’-])(?![.@_+]\w)")  # not "ilyas.benz@..."
_SIGNATURE_NOT_A_SURNAME = {
    "aussi", "encore", "hier", "aujourd'hui", "demain", "toujours", "jamais", "souvent", "non", "oui", "pas", "plus",
    "moins", "seul", "seule", "bien", "mal", "ici", "là", "la-bas", "là-bas", "avant", "après", "apres", "tout", "toute",
    "et", "le", "la", "les", "un", "une", "de", "du", "des", "au", "aux", "à", "a", "mon", "ma", "mes", "son", "sa",
    "tel", "tél", "num", "numéro", "numero", "mail", "merci", "svp", "stp", "ou", "par", "sur", "chez", "en", "il",
    "elle", "on", "je", "nous", "vous", "ils", "elles", "est", "sont", "ont", "avait", "était", "etait", "depuis",
    "ans", "mois", "jours", "fois", "heures", "h", "appt", "apt", "app", "appart", "bât", "bat", "esc", "rés",
    "résidence", "insta", "snap", "tiktok", "whatsapp", "portable", "courriel", "rue", "avenue", "bd", "chemin",
    "allée", "impasse", "route",
}
_SURNAME_BEFORE = re.compile(rf"(?<![\w'’])([{_UPPER}]{{3,}}(?:-[{_UPPER}]{{2,}})*)\s+$")
_SENTENCE_START = re.compile(r"(?:\A|[.!?:\n…]\s*|[«\"]\s*|-\s)\Z")


# What makes a lowercase first name of the open list a name: a naming word just before it
# ("c'est paulo", "signé wei", "bonjour, moi c'est ..."), or contact details just after it.
_LOWER_CONTEXT = re.compile(
    r"(?:\b(?:c['’]?est|cest|c|moi|sign[ée]e?|appelle|appel[ée]e?|app?ell?e|nomm[ée]e?|pr[ée]nomm[ée]e?|surnomm[ée]e?|"
    r"bonjour|bonsoir|salut|coucou|je suis|jsuis|j['’]suis|chuis|de la part de|prénom|prenom|un certain|une certaine))\s*[,:]?\s*$",
    re.IGNORECASE,
)
_LINK_BEFORE = re.compile(r"\b(?:et|ou|avec|chez|à|a|&)\s+$|,\s*$", re.IGNORECASE)
_CONTACT_AFTER = re.compile(
    r"\s*,?\s*(?:\Z|\n|(?:\(?\+|0)\d|[\w.+-]+@\w|@\w|(?i:t[ée]l|portable|mail|courriel|insta|snap|whatsapp)\b)"
)
# A first name opening a sentence, then a few words and the writer's contact details
_CONTACT_SOON = re.compile(
    r"\s*,[^.!?\n\d@]{0,30}?,?\s*(?:(?:\(?\+|0)\d(?:[\s./-]?\d){8}|[\w.+-]+@\w|@\w)"
)
_PREVIOUS_WORD = re.compile(rf"([{_UPPER}{_LOWER}]+)(?:\s*(?:et|ou|avec|,)?\s*)$", re.IGNORECASE)


def _unlisted_lower_surname(text: str, end: int) -> int:
    """Where a lowercase first name ends with the lowercase word after it, when that word is
    no French word nor place ("sébastien vandenberghe"), else `end`."""
    from recours.observatory.scrub.lexicon import fold, is_french_word, place_names

    following = _NEXT_LOWER_ANY.match(text, end)
    if not following:
        return end
    word = following.group(1)
    if (len(word) < 3 or word.casefold() in _SIGNATURE_NOT_A_SURNAME or word.casefold() in _KIN_NOT_A_NAME
            or word.casefold() in _ACRONYMS or is_french_word(word) or fold(word) in place_names()):
        return end
    return following.end()


_ELISION = re.compile(r"[dD]['’](?=[a-zà-ÿ])")
_LOWER_INITIAL = re.compile(r"[ \t]+[b-xzB-XZ]\.(?![\w.])")
_LOWER_PARTICLE_SURNAME = re.compile(
    rf"[ \t]+(?P<particle>{_FOREIGN_PARTICLE}|le|la|de|du|des)[ \t]+(?P<word>[{_LOWER}][{_LOWER}'’-]+)(?![\w'’-])(?![.@_+]\w)"
)


def _lowercase_particle_surname(text: str, end: int) -> int:
    """Where a lowercase first name ends with a surname that has a particle: after a particle
    that is no French word ("da silva", "el idrissi", "van der linden"), any word but a common
    one; after "le", "la", "de", "du", "des" ("gaëlle le moal"), a word that is no French word
    nor place ("léa le matin", "paul de marseille" stay)."""
    from recours.observatory.scrub.lexicon import fold, is_french_word, place_names

    following = _LOWER_PARTICLE_SURNAME.match(text, end)
    if not following:
        return end
    word = following.group("word").casefold()
    if len(word) < 2 or word in _SIGNATURE_NOT_A_SURNAME or word in _KIN_NOT_A_NAME or word in _ACRONYMS:
        return end
    if following.group("particle") in ("le", "la", "de", "du", "des") and (
        is_french_word(word) or fold(word) in place_names()
    ):
        return end
    return following.end()


class FirstNameRecognizer(EntityRecognizer):
    def __init__(self):
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE, name="fr_first_name")

    def load(self) -> None:
        self.names = first_names()
        self.open = open_first_names()
        self.ambiguous = ambiguous_first_names()

    def _known(self, key: str) -> bool:
        return key in self.names or key in self.open

    def _compound(self, key: str) -> bool:
        """"marie-ange", "jean-yves", "abdel-kader": a first name joined to another one."""
        parts = key.split("-")
        return len(parts) == 2 and self._known(parts[0]) and (self._known(parts[1]) or parts[1] in self.ambiguous)

    def _lowercase_pair(self, text: str, word: re.Match, before: str) -> int | None:
        """Where a lowercase double first name that opens with an ambiguous one ends ("ana paula",
        "rose marie"): a listed first name follows, and a naming word precedes or contact details follow."""
        following = _NEXT_LOWER_ANY.match(text, word.end())
        if following and self._known(following.group(1).casefold()):
            end = following.end()
        else:  # "moi grâce mukendi 06 ...": a surname no list holds
            end = _unlisted_lower_surname(text, word.end())
            if end == word.end():
                return None
        if _LOWER_CONTEXT.search(before[-30:]) or _CONTACT_AFTER.match(text, end):
            return end
        return None

    def _lowercase_open_name(self, text: str, start: int, end: int, before: str) -> int | None:
        """Where a lowercase first name of the open list ends, if its context makes it a name."""
        following = _NEXT_LOWER_ANY.match(text, end)
        if following and self._known(following.group(1).casefold()):
            return following.end()  # "wei zhang": two first names (or a first name and a surname) together
        if _LOWER_CONTEXT.search(before[-30:]) or _CONTACT_AFTER.match(text, end):
            surname = _NEXT_LOWER.match(text, end)
            if surname and surname.group(1).casefold() not in _SIGNATURE_NOT_A_SURNAME:
                return surname.end()
            return end
        surname_end = _unlisted_lower_surname(text, end)
        if surname_end != end and _CONTACT_AFTER.match(text, surname_end):
            return surname_end  # "prosper mbemba tel 07 ...": a first name and a surname before contact details
        previous = _PREVIOUS_WORD.search(before[-40:])
        if _LINK_BEFORE.search(before) and previous and self._known(previous.group(1).casefold()):
            return end  # "léa et bogdan", "avec karim, wei": next to another first name
        return None

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for word in _WORD.finditer(text):
            elided = _ELISION.match(word.group(0))
            if elided:  # "la maman d'ornella": the name after an elided "d'"
                word = _WORD.match(text, word.start() + elided.end())
                if not word:
                    continue
            value = word.group(0)
            key = value.casefold()
            is_open = key in self.open
            if key not in self.names and not is_open and key not in self.ambiguous and not self._compound(key):
                continue
            capitalised = value[:1].isupper()
            before = text[max(0, word.start() - 60) : word.start()]
            if key in self.ambiguous and not capitalised:
                pair = self._lowercase_pair(text, word, before)
                if pair:  # "moi ana paula 06 ...": a double first name
                    results.append(RecognizerResult("PERSON", word.start(), pair, 0.5))
                continue
            if key in self.ambiguous and _SENTENCE_START.search(before) and not _CONTACT_SOON.match(text, word.end()):
                continue  # "Rose, ma fille": a word; "Patrice, délégué CGT, 07 68 ...": a signature
            if capitalised and value.isupper() and len(value) <= 3 and key in _ACRONYMS:
                continue
            if is_open and value.isupper() and len(value) <= 4:
                continue  # "AED", "CPE": an acronym, unless the hand-written list knows the name
            if _PLACE_BEFORE.search(before):
                continue
            end = word.end()
            if capitalised:
                score = 0.7
                for _ in range(3):
                    following = _NEXT_NAME.match(text, end)
                    if not following or following.group(1).casefold() in _ACRONYMS:
                        break
                    end = following.end()
                    if following.group(1).endswith("."):
                        break  # an initial ends the name: "Jonas K. Le patient ..."
                if key in self.ambiguous and end == word.end() and not _CONTACT_SOON.match(text, end):
                    continue  # "pour Noël", "une Rose": alone, a common word; "Claire Moreau" is a name
            elif is_open:
                score = 0.5
                end = self._lowercase_open_name(text, word.start(), end, before)
                if end is None:
                    continue
            else:
                if len(key) < 3:
                    continue
                score = 0.5
                following = _NEXT_LOWER.match(text, end)
                if following and following.group(1).casefold() not in _SIGNATURE_NOT_A_SURNAME:
                    end = following.end()
            if not capitalised:
                end = _lowercase_particle_surname(text, end)  # "thierry da silva", "gaëlle le moal"
            if not capitalised and end == word.end():
                end = _unlisted_lower_surname(text, end)  # "sébastien vandenberghe, qui ..."
            if not capitalised:
                initial = _LOWER_INITIAL.match(text, end)
                if initial:
                    end = initial.end()  # "wassim k.": the initial of the surname belongs to it
            start = word.start()
            if capitalised:
                surname = _SURNAME_BEFORE.search(text, max(0, start - 40), start)
                if surname and surname.group(1).casefold() not in _ACRONYMS:
                    start = surname.start(1)  # "BENALI Karim": the surname in capitals first
            results.append(RecognizerResult("PERSON", start, end, score))
        return results


FIRST_NAME = FirstNameRecognizer()


_NAMING_BEFORE = re.compile(
    r"\b(?:c['’]?est|cest|moi c|sign[ée]e?|de la part de|pr[ée]nom\s*:?|je m['’ ]?appelle|jm['’ ]?appelle|"
    r"s['’ ]?appelle|s['’ ]?appelait|appel[ée]e?s?|surnomm[ée]e?s?|je suis|jsuis|j['’]suis|chuis|ici|un certain|une certaine)\s*[,:]?[ \t]+$",
    re.IGNORECASE,
)


class NamedUnlistedRecognizer(EntityRecognizer):
    """A lowercase word no list holds, given as a name: "slt c'est yanelle", "signé bogdana",
    "la personne s'appelait gwendoline": after a naming phrase, a word that is no French word
    nor place (lexicon.py) is a name; the next lowercase word is its surname on the same terms."""

    def __init__(self):
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE, name="fr_named_unlisted")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        from recours.observatory.scrub.lexicon import fold, is_french_word, place_names

        results = []
        for word in re.finditer(rf"(?<![\w'’@.-])[{_LOWER}][{_LOWER}'’-]+(?![\w'’@-])(?![.@_]\w)", text):
            value = word.group(0)
            key = value.casefold()
            if len(key) < 4 or key in _KIN_NOT_A_NAME or key in _ACRONYMS or key in _SIGNATURE_NOT_A_SURNAME:
                continue
            if key.endswith(_NOT_A_NAME_ENDINGS + _NOT_A_NAME_LOWER_ENDINGS + ("ante", "ente", "ant", "ent")):
                continue  # "je suis dégoutée", "je suis malvoyante": misspelt or rare words, not names
            if not _NAMING_BEFORE.search(text, max(0, word.start() - 30), word.start()):
                continue
            nickname = "-" in key and is_first_name(key.split("-")[0])  # "un certain jean-mi", "signé marie-jo"
            if not nickname and (is_french_word(value) or fold(value) in place_names()):
                continue
            end = _unlisted_lower_surname(text, word.end())
            results.append(RecognizerResult("PERSON", word.start(), end, 0.5))
        return results


def _family_name(match: re.Match) -> float | None:
    """"les Rusu", "chez les Traoré": a family named by its surname, unless the word is French
    ("les Roms", "les Polonais") or a place ("les Ulis", "des Antilles")."""
    from recours.observatory.scrub.lexicon import fold, is_french_word, plural_places

    word = match.group("name")
    if fold(word) in plural_places() or fold(word) in _ACRONYMS:
        return None
    if is_french_word(word) and (word.endswith(("s", "x")) or len(word) < 4):
        return None  # "les Roms", "les Polonais": a group; a surname takes no plural ("les Martin")
    if _PLACE_BEFORE.search(match.string[max(0, match.start() - 60) : match.start("name")]):
        return None  # "cité des Bosquets", "résidence les Tilleuls"
    return 0.55


_TITLE_WORDS = {
    "mme", "mmes", "mlle", "mr", "dr", "pr", "me", "monsieur", "madame", "mademoiselle", "messieurs", "mesdames",
    "docteur", "docteure", "maître", "maitre", "réf", "ref", "tél", "tel", "cordialement",
    "défenseure", "defenseure", "procureure", "auteure", "professeure", "préfète", "prefete",
}


class UnlistedSurnameRecognizer(EntityRecognizer):
    """A capitalised word inside a sentence that is no French word, no French place and no
    known country or brand (lexicon.py) is somebody's name: « laisse, Dupuis, il pue »,
    "le Dr Kowalczyk", "chez Rusu". The long tail of surnames no list holds."""

    _CAPITALISED = re.compile(
        rf"(?<![\w'’@.-])[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*(?![\w'’@-])(?!\.\w)"
    )

    def __init__(self):
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE, name="fr_unlisted_surname")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        from recours.observatory.scrub.lexicon import NOT_PEOPLE, fold, is_french_word, place_names, plural_places

        results = []
        for word in self._CAPITALISED.finditer(text):
            value = word.group(0)
            key = fold(value)
            if len(value) < 3 or key in _TITLE_WORDS or key in NOT_PEOPLE or key in _ACRONYMS:
                continue
            before = text[max(0, word.start() - 60) : word.start()]
            if _SENTENCE_START.search(before) or _PLACE_BEFORE.search(before):
                continue
            if is_french_word(value) or key in place_names() or key in plural_places():
                continue  # "Roubaix", "aux Ulis"
            parts = key.split("-")
            if len(parts) > 1 and (parts[0] in ("saint", "sainte") or any(is_french_word(p) or p in place_names() for p in parts)):
                continue  # "Saint-Lazare", "Paris-Marseille", "Immo-Centre": places, companies
            if re.search(r"\b\d{5}\s*$", before):
                continue  # "20167 Mezzavia": a town after its postal code
            results.append(RecognizerResult("PERSON", word.start(), word.end(), 0.42))
        return results


FAMILY_NAME = RegexRecognizer(
    entity="PERSON",
    pattern=(
        rf"(?<![\w'’])(?:les|des|chez les|(?i:famille))\s+(?P<name>[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)"
        r"(?![\w'’-])(?!\s+[A-ZÉ])"
    ),
    group="name",
    score=0.55,
    validate=_family_name,
    name="fr_family_name",
)
def recognizers() -> list[EntityRecognizer]:
    from recours.observatory.scrub import recognizers_signatures

    return [
        APOSTROPHE_NAME, TITLED_NAME, INTRODUCED_NAME, LOWERCASE_TITLED_NAME, RELATIVE_NAME, LOWERCASE_RELATIVE_NAME,
        FIRST_NAME, FAMILY_NAME, UnlistedSurnameRecognizer(), NamedUnlistedRecognizer(), LowercaseRoleNameRecognizer(),
        UnknownWordRecognizer(), QuotedNicknameRecognizer(),
    ] + recognizers_signatures.recognizers()


class UnknownWordRecognizer(EntityRecognizer):
    """Recall first (session 10): any word of four letters or more that is no French word form
    nor a misspelling of one, no French place, no country, brand, title or acronym, wherever it
    stands, is taken for a name: the long tail of lowercase names, nicknames and foreign names
    that no rule anticipates ("ma chef ingrid", « Titi », "rouxel-tanguy"). A listed first name
    is a name even when one letter from a French word. Street and place names after a place word
    ("rue Serpenoise", "collège Bellevue") and a town after its postal code stay.

    Only in French: a narrative written in another language (the public pages are in English and
    Arabic too) has most of its words outside the French lexicon, and the rule would blank it
    whole. When more than `_FOREIGN_SHARE` of a text's words of four letters or more are no French
    word (French narratives of the corpora: 0.44 at most, short signatures full of names; English
    ones: 0.6 and more), the rule stands aside and the others (names introduced, titled, listed,
    in signatures; numbers, addresses) still apply."""

    _FOREIGN_SHARE = 0.55
    _FOREIGN_MIN_WORDS = 5

    _WORD = re.compile(
        rf"(?<![\w@.#/_'’-])[{_UPPER}{_LOWER}]+(?:[-'’][{_UPPER}{_LOWER}]+)*(?![\w@#/_-])(?![.@]\w)"
    )
    _ELISION = re.compile(r"(?i:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]")

    def __init__(self):
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE, name="fr_unknown_word")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        from recours.observatory.scrub.lexicon import (
            NOT_PEOPLE, fold, is_french_word, near_french_word, place_names, plural_places,
        )

        if self._not_french(text, is_french_word):
            return []
        results = []
        for word in self._WORD.finditer(text):
            value, start = word.group(0), word.start()
            if fold(value) in place_names():
                continue  # "Villeneuve-d'Ascq"
            elided = self._ELISION.match(value)
            if elided:  # "d'anaïs", "l'hôpital": the word after the elision
                value, start = value[elided.end() :], start + elided.end()
            if ("'" in value or "’" in value) and is_french_word(value):
                continue  # "aujourd'hui", "prud'hommes"
            key = fold(value)
            if len(key) < 4 or not re.search(r"[aeiouy]", key):
                continue  # "rqth", "cdt": abbreviations
            if value.isupper() and len(value) <= 5:
                continue  # "ATSEM", "SEGPA": acronyms
            if key in _TITLE_WORDS or key in NOT_PEOPLE or key in _ACRONYMS or key in _KIN_NOT_A_NAME:
                continue
            if is_french_word(value) or key in place_names() or key in plural_places():
                continue
            parts = key.split("-")
            if len(parts) > 1 and (parts[0] in ("saint", "sainte") or all(
                    is_french_word(p) or p in place_names() or len(p) < 3 for p in parts)):
                continue  # "Saint-Lazare", "Paris-Marseille"
            if not is_first_name(value) and near_french_word(value):
                continue  # "acceuil", "diabètique": misspelt words
            before = text[max(0, start - 60) : start]
            if _PLACE_BEFORE.search(before) or re.search(r"\b\d{5}\s*$", before):
                continue  # "rue Serpenoise", "29200 Plougastel": places the engine keeps
            results.append(RecognizerResult("PERSON", start, word.end(), 0.41))
        return results

    @classmethod
    def _not_french(cls, text: str, is_french_word) -> bool:
        words = re.findall(r"[^\W\d_]{4,}", text)
        if len(words) < cls._FOREIGN_MIN_WORDS:
            return False
        return sum(not is_french_word(w) for w in words) > cls._FOREIGN_SHARE * len(words)


_NICKNAME = re.compile(
    r"(?i:\b(?:app?ell?(?:e|es|ent|ait|aient|é|ée|és|ées|er)|surnomm\w*|surnom|nomm(?:e|é|ée|ent|ait))\b)"
    rf"[^.!?\n«\"“]{{0,25}}?[«\"“]\s*(?P<name>[{_UPPER}{_LOWER}][{_UPPER}{_LOWER}'’-]+(?:\s+[{_UPPER}][{_LOWER}'’-]+)?)\s*[»\"”]"
)


class QuotedNicknameRecognizer(EntityRecognizer):
    """A nickname in quotes after a naming verb: "que tout le monde appelle « Titi »", "ils
    m'appellent « Mouloud »": capitalised, it is a name even when it is a French word; in
    lowercase only when no French word ("appelle « bubu »", not "appelle « macaque »"); never a
    description with its article (« la Malienne », « le gitan »)."""

    def __init__(self):
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE, name="fr_quoted_nickname")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        from recours.observatory.scrub.lexicon import fold, is_french_word

        results = []
        for match in _NICKNAME.finditer(text):
            name = match.group("name")
            first = name.split()[0]
            if fold(first) in ("le", "la", "les", "l", "un", "une") or fold(first) in _TITLE_WORDS:
                continue
            if name.isupper() or (first[:1].islower() and is_french_word(first)):
                continue  # « SALE NOIR », « macaque »: an insult, not a name
            results.append(RecognizerResult("PERSON", match.start("name"), match.end("name"), 0.6))
        return results
