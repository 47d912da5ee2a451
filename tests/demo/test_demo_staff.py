"""Demo data: teams, staff with fixed TOTP keys, and demo cases routed to the right team."""

from recours.accounts.models import Membership
from recours.accounts.otp import totp_token
from recours.casework.models import Case
from recours.core.receipts import receipt_hash
from recours.accounts.otp_code import current_code
from recours.demo.services import DEMO_RECEIPT, DEMO_STAFF_PASSWORD, demo_load, demo_logins, demo_totp_key
from tests.accounts.helpers import HOME_URL, log_in


def test_the_nantes_demo_case_lands_in_the_nantes_team(db):
    demo_load()
    case = Case.objects.get(receipt_hash=receipt_hash(DEMO_RECEIPT))
    assert case.team.slug == "ville-de-nantes"
    assert Membership.objects.get(user__username="conseillere.nantes").team == case.team


def test_a_demo_adviser_logs_in_with_the_printed_key(client, db):
    demo_load()
    login = next(row for row in demo_logins() if row["username"] == "conseillere.nantes")
    response = log_in(client, "conseillere.nantes", password=DEMO_STAFF_PASSWORD, code=current_code(login["secret"]))
    assert response["Location"] == HOME_URL
    nantes_cases = Case.objects.filter(team__slug="ville-de-nantes").count()
    assert nantes_cases > 1  # the hand-written Nantes case and generated ones
    assert f"{nantes_cases} dossiers sont visibles" in client.get(HOME_URL).content.decode()


def test_the_demo_admin_has_a_totp_device_too(client, db):
    demo_load()
    log_in(client, "admin", password="demo-admin-recours", code=totp_token(demo_totp_key("admin")), next="/gestion/admin/")
    assert client.get("/gestion/admin/").status_code == 200


def test_loading_the_demo_twice_changes_nothing(db):
    demo_load()
    counts = (Membership.objects.count(), Case.objects.count())
    demo_load()
    assert (Membership.objects.count(), Case.objects.count()) == counts
