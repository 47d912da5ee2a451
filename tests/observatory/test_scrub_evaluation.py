"""The evaluation counts what was missed and what was wrongly replaced, per type."""

from pathlib import Path

from recours.observatory.scrub.evaluate import evaluate, load_corpus, parse_marked

CORPUS = Path(__file__).parent / "corpus"


def test_marked_text_gives_the_plain_text_and_its_spans():
    text, spans = parse_marked("Appelez {{NOM:Karim}} au {{TÉLÉPHONE:06 12 34 56 78}}.")
    assert text == "Appelez Karim au 06 12 34 56 78."
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [("NOM", "Karim"), ("TÉLÉPHONE", "06 12 34 56 78")]


def test_a_missed_name_lowers_the_recall_of_names_only():
    evaluation = evaluate([{"id": "x", "text": "mon voisin dit que {{NOM:rose}} a vu. tel {{TÉLÉPHONE:0612345678}}"}])
    assert evaluation.by_type["NOM"].recall == 0.0
    assert evaluation.by_type["TÉLÉPHONE"].recall == 1.0
    assert evaluation.misses == [("x", "NOM", "rose")]


def test_a_placeholder_where_nothing_was_marked_lowers_the_precision():
    evaluation = evaluate([{"id": "x", "text": "Appelez le 06 12 34 56 78."}])
    assert evaluation.by_type["TÉLÉPHONE"].precision == 0.0
    assert evaluation.false_alarms == [("x", "TÉLÉPHONE", "06 12 34 56 78")]


def test_the_corpus_has_at_least_150_varied_narratives_and_30_held_out():
    narratives = load_corpus(CORPUS / "narratives.json")
    heldout = load_corpus(CORPUS / "heldout.json")
    assert len(narratives) + len(heldout) >= 150 and len(heldout) >= 30
    assert {"sms", "minuscules", "fautes", "témoin", "formel"} <= {n["style"] for n in narratives}
    assert len({n["domain"] for n in narratives}) >= 6
    ids = [n["id"] for n in narratives + heldout]
    assert len(ids) == len(set(ids))
    kinds = set()
    for narrative in narratives + heldout:
        kinds.update(span.kind for span in parse_marked(narrative["text"])[1])  # every mark has a known type
    assert {"RÉFÉRENCE", "PSEUDO", "IBAN", "NOM", "ADRESSE"} <= kinds


def test_kept_words_count_the_words_outside_the_marks_that_no_placeholder_touches():
    evaluation = evaluate([{"id": "x", "text": "Le {{TÉLÉPHONE:06 12 34 56 78}} est à rappeler demain."}])
    assert (evaluation.other_words, evaluation.kept_words) == (5, 5)  # Le, est, à, rappeler, demain
    evaluation = evaluate([{"id": "x", "text": "Le 06 12 34 56 78 est à rappeler demain."}])
    assert (evaluation.other_words, evaluation.kept_words) == (10, 5)  # the unmarked phone's 5 words are lost


def test_pieces_of_one_type_that_intersect_count_as_one_as_the_anonymizer_replaces_them():
    from presidio_analyzer import RecognizerResult

    from recours.observatory.scrub.engine import _merge_same_type

    text = "maria da conceição silva, 06 12 34 56 78"
    pieces = [RecognizerResult("PERSON", 0, 18, 0.5), RecognizerResult("PERSON", 11, 24, 0.5),
              RecognizerResult("FR_PHONE", 26, 40, 0.9)]
    merged = sorted(_merge_same_type(pieces), key=lambda r: r.start)
    assert [(r.entity_type, text[r.start : r.end]) for r in merged] == [
        ("PERSON", "maria da conceição silva"), ("FR_PHONE", "06 12 34 56 78")]
