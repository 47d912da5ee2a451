"""Every action of the audit trail has a French label, declared once by the app that records it."""

import ast
from pathlib import Path

import recours
from recours.core.audit import audit_actions, audit_label
from tests.factories import NANTES
from tests.intake.walk import page
from tests.theme.helpers import parse

SOURCE = Path(recours.__file__).parent


def recorded_actions() -> dict[str, str]:
    """Every action written in an `audit_record(...)` call of the code, with where it is."""
    found = {}
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "audit_record"):
                continue
            action = next((keyword.value for keyword in node.keywords if keyword.arg == "action"), None)
            where = f"{path.relative_to(SOURCE.parent)}:{node.lineno}"
            values = [action.body, action.orelse] if isinstance(action, ast.IfExp) else [action]
            for value in values:
                assert isinstance(value, ast.Constant) and isinstance(value.value, str), (
                    f"{where}: write the action literally, so that this test reads it"
                )
                found[value.value] = where
    return found


def test_the_code_records_actions_in_several_apps():
    actions = recorded_actions()
    assert {"case.view", "mail.queued", "chat.end", "orientation.record", "observatory.record", "case.purge"} <= set(actions)


def test_every_recorded_action_has_a_french_label():
    declared = audit_actions()
    missing = {action: where for action, where in recorded_actions().items() if action not in declared}
    assert not missing, f"actions without a label (declare them in the app's audit.py): {missing}"
    for action in recorded_actions():
        label = audit_label(action)
        assert label and label != action and label[0].isupper() and "." not in label.split()[0], action


def test_the_case_history_shows_labels_never_codes(console, adviser, make_case):
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True, **NANTES)
    console.post(f"/console/dossiers/{case.reference}/repondre/", {"body": "Voici vos droits."})
    from recours.core.audit import audit_record

    audit_record(actor=None, action="observatory.record", case=case, stage="qualified")  # as the observatory does
    text = parse(page(console.get(f"/console/dossiers/{case.reference}/"))).plain_text  # what a person reads
    assert "Courriel à la personne mis en file d'envoi" in text
    assert "Fiche anonymisée de l'observatoire enregistrée" in text
    for code in ("mail.queued", "observatory.record", "case.reply", "case.view"):
        assert code not in text
