import pytest

from recours.accounts.models import LocalEntry


@pytest.fixture
def nantes_entry(teams):  # noqa: F811
    """The city of Nantes' own entry on a national instance."""
    return LocalEntry.objects.create(
        team=teams["nantes"], slug="nantes", name="Nantes contre les discriminations",
        intro="Le service de la Ville de Nantes.", colour_primary="#00594f", colour_accent="#a4161a",
        phone="02 40 41 00 00", phone_hours="du lundi au vendredi, 9 h – 17 h",
        legal_notice="Éditeur : Ville de Nantes, 2 rue de l'Hôtel de Ville.",
    )
