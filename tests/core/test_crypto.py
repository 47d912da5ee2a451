import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command

from recours.casework.models import Case
from recours.core import crypto
from tests.dbdump import database_text


def test_text_comes_back_as_it_was_encrypted():
    token = crypto.encrypt_str("Une phrase accentuée : é à ç")
    assert token != "Une phrase accentuée : é à ç"
    assert crypto.decrypt_str(token) == "Une phrase accentuée : é à ç"


def test_a_tampered_token_is_refused():
    token = crypto.encrypt_bytes(b"secret")
    tampered = token[:-4] + (b"AAAA" if token[-4:] != b"AAAA" else b"BBBB")
    with pytest.raises(crypto.InvalidToken):
        crypto.decrypt_bytes(tampered)


def test_an_old_key_still_decrypts_after_a_new_one_is_added(settings):
    old_key = settings.RECOURS_ENCRYPTION_KEYS[0]
    token = crypto.encrypt_str("ancien")
    settings.RECOURS_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old_key]
    assert crypto.decrypt_str(token) == "ancien"
    assert not crypto.is_current(token.encode())


def test_a_case_narrative_is_not_readable_in_the_database(make_case):
    make_case(narrative="Le gérant du magasin Zorglub m'a insulté.", contact={"email": "lea.martin@example.org"})
    dump = database_text()
    assert "Zorglub" not in dump
    assert "lea.martin@example.org" not in dump


def test_rotation_re_encrypts_every_field_under_the_newest_key(settings, make_case):
    case, _receipt = make_case(narrative="Récit à faire tourner", contact={"email": "a@example.org"})
    old_key = settings.RECOURS_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.RECOURS_ENCRYPTION_KEYS = [new_key, old_key]

    call_command("rotate_encryption_keys", verbosity=0)

    settings.RECOURS_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    case = Case.objects.get(pk=case.pk)
    assert case.narrative == "Récit à faire tourner"
    assert case.contact == {"email": "a@example.org"}


def test_rotation_also_covers_drafts_keyed_by_uuid(settings, db):
    from recours.intake.models import ReportDraft

    draft = ReportDraft.objects.create(data={"narrative": "brouillon"})
    old_key = settings.RECOURS_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.RECOURS_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys", verbosity=0)
    settings.RECOURS_ENCRYPTION_KEYS = [new_key]
    assert ReportDraft.objects.get(pk=draft.pk).data == {"narrative": "brouillon"}
