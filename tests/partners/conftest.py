"""Two partners (the Handicap collective of Loire-Atlantique and the victims' association), their
members, an adviser of Nantes, and reports and hand-overs made through the real services."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from recours.casework.models import Channel
from recours.casework.orientation import orientation_record
from recours.casework.services import case_create_from_report
from recours.directory.models import Service, Structure
from recours.partners import services
from recours.partners.models import ContactWay, PartnerMember, PartnerReport
from tests.accounts.helpers import PASSWORD, log_in_verified
from tests.factories import NANTES

HANDI = "recours-demo--handi-droits-44"
VICTIMS = "recours-demo--aide-victimes-44"


def structure(di_id: str) -> Structure:
    return Structure.objects.get(di_id=di_id)


def service_of(di_id: str) -> Service:
    return Service.objects.filter(structure__di_id=di_id).first()


@pytest.fixture
def make_member(db):
    """A member of a partner (made like an invitation's acceptance), with a confirmed TOTP device."""

    def make(partner, username: str, *, is_admin: bool = False):
        _invitation, token = services.invitation_create(
            partner=partner, email=f"{username}@example.org", actor=None, is_admin=is_admin
        )
        user = services.invitation_accept(token=token, username=username, password=PASSWORD, first_name=username.title())
        TOTPDevice.objects.create(user=user, name="téléphone", confirmed=True)
        return user

    return make


@pytest.fixture
def handi(directory):  # noqa: F811
    return services.partner_create(structure=structure(HANDI), actor=None)


@pytest.fixture
def victims(directory):  # noqa: F811
    return services.partner_create(structure=structure(VICTIMS), actor=None)


@pytest.fixture
def handi_admin(handi, make_member):
    return make_member(handi, "gestion.handi", is_admin=True)


@pytest.fixture
def handi_member(handi, make_member):
    return make_member(handi, "relais.handi")


@pytest.fixture
def victims_member(victims, make_member):
    return make_member(victims, "ecoute.victimes", is_admin=True)


def logged_in(user) -> Client:
    client = Client()
    log_in_verified(client, user)
    return client


@pytest.fixture
def handi_client(handi_member):
    return logged_in(handi_member)


@pytest.fixture
def victims_client(victims_member):
    return logged_in(victims_member)


@pytest.fixture
def filed(handi, handi_member, report_input, teams):  # noqa: F811
    """A report the Handicap collective filed with a person; `shared` says whether she agreed it follows it."""

    def make(*, shared: bool = True, contact_way: str = ContactWay.DIRECT):
        case, receipt = case_create_from_report(
            report=report_input(**NANTES, criteria=("handicap",), domain="emploi_prive"), channel=Channel.PARTNER,
            filed_by_structure=handi.structure, contact_through_partner=contact_way == ContactWay.PARTNER,
        )
        from django.utils import timezone

        PartnerReport.objects.create(
            case=case, partner=handi, filed_by=handi_member, share_with_partner=shared, contact_way=contact_way,
            consent_at=timezone.now(),
        )
        return case, receipt

    return make


@pytest.fixture
def handed_over(handi, report_input, teams):  # noqa: F811  (teams first: the case goes to Nantes)
    """A phone case of Nantes handed over (oral consent) to the Handicap collective's service."""
    case, _receipt = case_create_from_report(
        report=report_input(**NANTES, criteria=("handicap",), domain="emploi_prive",
                            contact={"email": "personne@example.org"}),
        channel=Channel.PHONE,
    )
    [orientation] = orientation_record(
        case=case, services=[service_of(HANDI)], actor=None, hand_over=True, consent=True,
        shared=["grounds", "place"], message="Merci de la recevoir.",
    )
    return orientation
