import pytest
from django.core.exceptions import ValidationError

from recours.casework.models import Attachment, Message
from recours.casework.services import message_add_by_person
from tests.intake.files import PDF, SCRIPT


def test_a_message_and_its_file_are_stored_together(make_case):
    case, _ = make_case()
    message = message_add_by_person(case=case, body="Voici le courrier.", uploads=(("refus.pdf", PDF),))
    assert [a.filename for a in message.attachments.all()] == ["refus.pdf"]
    assert message.attachments.get().case == case


def test_a_refused_file_stores_neither_the_message_nor_the_file(make_case):
    case, _ = make_case()
    with pytest.raises(ValidationError) as error:
        message_add_by_person(case=case, body="Texte", uploads=(("x.pdf", SCRIPT),))
    assert "file" in error.value.message_dict
    assert not Message.objects.exists()
    assert not Attachment.objects.exists()
