"""Partner members log in like staff, into a space of their own; invitations are single-use."""

import datetime as dt

from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from recours.partners import services
from recours.partners.models import PartnerInvitation, PartnerMember
from tests.accounts.helpers import PASSWORD, code_for, wrong_code_for
from tests.partners.conftest import logged_in


def join(client, token, username="nouvelle.relais"):
    return client.post(f"/partenaires/invitation/{token}/", {"username": username, "password": PASSWORD})


def test_an_invitation_creates_an_account_in_the_partner(handi):
    _invitation, token = services.invitation_create(partner=handi, email="a@example.org", actor=None)
    response = join(Client(), token)
    assert response.status_code == 302 and response["Location"] == "/partenaires/connexion/"
    member = PartnerMember.objects.get(user__username="nouvelle.relais")
    assert member.partner == handi and not member.is_admin


def test_an_invitation_link_works_only_once(handi):
    _invitation, token = services.invitation_create(partner=handi, email="a@example.org", actor=None)
    join(Client(), token)
    again = join(Client(), token, username="autre.personne")
    assert again.status_code == 404
    assert not PartnerMember.objects.filter(user__username="autre.personne").exists()


def test_an_expired_invitation_is_refused(handi):
    invitation, token = services.invitation_create(partner=handi, email="a@example.org", actor=None)
    PartnerInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert join(Client(), token).status_code == 404


def test_a_refused_password_does_not_spend_the_invitation(handi):
    _invitation, token = services.invitation_create(partner=handi, email="a@example.org", actor=None)
    response = Client().post(f"/partenaires/invitation/{token}/", {"username": "x.y", "password": "123"})
    assert response.status_code == 200
    assert services.invitation_for_token(token) is not None


def test_only_the_token_hash_is_stored(handi):
    invitation, token = services.invitation_create(partner=handi, email="a@example.org", actor=None)
    assert token not in invitation.token_hash


def test_a_member_with_a_wrong_totp_code_is_not_logged_in(handi_member):
    client = Client()
    device = TOTPDevice.objects.get(user=handi_member)
    refused = client.post("/partenaires/connexion/", {"username": "relais.handi", "password": PASSWORD, "code": wrong_code_for(device)})
    assert refused.status_code == 200 and "Identifiant, mot de passe ou code incorrect" in refused.content.decode()
    assert client.get("/partenaires/").status_code == 302


def test_a_member_logs_in_with_password_and_totp_code_into_the_partner_space(handi_member):
    client = Client()
    device = TOTPDevice.objects.get(user=handi_member)
    ok = client.post("/partenaires/connexion/", {"username": "relais.handi", "password": PASSWORD, "code": code_for(device)})
    assert ok.status_code == 302 and ok["Location"] == "/partenaires/"
    assert client.get("/partenaires/").status_code == 200


def test_a_password_alone_leads_only_to_the_set_up_of_an_app(handi, make_member):
    _invitation, token = services.invitation_create(partner=handi, email="a@example.org", actor=None)
    join(Client(), token)
    client = Client()
    response = client.post("/partenaires/connexion/", {"username": "nouvelle.relais", "password": PASSWORD, "code": ""})
    assert response["Location"] == "/console/connexion/application/"
    assert client.get("/partenaires/").status_code == 302


def test_a_member_is_refused_by_the_console(handi_client):
    assert handi_client.get("/console/dossiers/").status_code == 403


def test_staff_without_membership_is_refused_by_the_partner_space(console):
    assert console.get("/partenaires/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_partner_login():
    response = Client().get("/partenaires/orientations/")
    assert response.status_code == 302 and response["Location"].startswith("/partenaires/connexion/?next=")


def test_the_admin_member_invites_and_removes_members(handi, handi_admin, handi_member):
    client = logged_in(handi_admin)
    client.post("/partenaires/membres/", {"action": "invite", "email": "b@example.org"})
    assert PartnerInvitation.objects.filter(partner=handi, email="b@example.org").exists()
    member = PartnerMember.objects.get(user=handi_member)
    client.post("/partenaires/membres/", {"action": "remove", "member": member.pk})
    handi_member.refresh_from_db()
    assert not handi_member.is_active and not PartnerMember.objects.filter(pk=member.pk).exists()


def test_a_member_who_does_not_manage_cannot_reach_the_members_page(handi_client):
    assert handi_client.get("/partenaires/membres/").status_code == 403


def test_an_admin_cannot_remove_another_partners_member(handi_admin, victims_member):
    member = PartnerMember.objects.get(user=victims_member)
    response = logged_in(handi_admin).post("/partenaires/membres/", {"action": "remove", "member": member.pk})
    assert response.status_code == 404
    victims_member.refresh_from_db()
    assert victims_member.is_active


def test_a_coordinator_opens_a_space_and_invites_its_first_member(client, teams, make_staff, directory):
    from recours.accounts.models import Role
    from recours.directory.models import Structure
    from recours.partners.models import Partner
    from tests.accounts.helpers import log_in_verified

    coordinator, _device = make_staff("coord.nantes", teams["nantes"], role=Role.COORDINATOR)
    log_in_verified(client, coordinator)
    structure = Structure.objects.get(di_id="recours-demo--cidff-44")
    response = client.post("/console/partenaires/", {"structure": structure.pk, "email": "direction@cidff.example.org"})
    assert response.status_code == 302
    invitation = PartnerInvitation.objects.get(partner__structure=structure)
    assert invitation.is_admin and Partner.objects.filter(structure=structure).exists()


def test_an_adviser_cannot_open_partner_spaces(console, directory):
    assert console.get("/console/partenaires/").status_code == 403
