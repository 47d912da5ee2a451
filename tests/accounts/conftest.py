"""Teams on real territories and staff in them, made through the services."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from recours.accounts.models import Role, TeamKind
from recours.accounts.services import staff_user_create, team_create, team_national_get
from tests.accounts.helpers import PASSWORD


@pytest.fixture
def teams(db):
    """The national team, Loire-Atlantique (44), the city of Nantes (44109) and the city of Paris (75056)."""
    return {
        "national": team_national_get(),
        "loire_atlantique": team_create(name="Loire-Atlantique", kind=TeamKind.DEPARTEMENT, departement_id="44"),
        "nantes": team_create(name="Ville de Nantes", kind=TeamKind.COMMUNES, commune_ids=["44109"]),
        "paris": team_create(name="Ville de Paris", kind=TeamKind.COMMUNES, commune_ids=["75056"]),
    }


@pytest.fixture
def make_staff(db):
    """A staff account in a team, with a confirmed TOTP device unless `device=False`; returns (user, device)."""

    def make(username: str, team, *, role: str = Role.ADVISER, device: bool = True, **fields):
        user = staff_user_create(username=username, password=PASSWORD, team=team, role=role, **fields)
        totp = TOTPDevice.objects.create(user=user, name="téléphone", confirmed=True) if device else None
        return user, totp

    return make
