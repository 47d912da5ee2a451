"""The chat's tests: the same people as everywhere (tests/conftest.py), present for the chat."""

import pytest

from recours.chat.services import presence_beat


@pytest.fixture
def adviser(adviser):
    """Camille Martin of the city of Nantes, online for the chat."""
    presence_beat(adviser)
    return adviser


@pytest.fixture
def paris_adviser(paris_adviser):
    """Sacha Durand of the city of Paris, online for the chat."""
    presence_beat(paris_adviser)
    return paris_adviser


@pytest.fixture
def loire_atlantique_adviser(loire_atlantique_adviser):
    """Yann Le Goff of Loire-Atlantique, online for the chat."""
    presence_beat(loire_atlantique_adviser)
    return loire_atlantique_adviser


@pytest.fixture
def national_adviser(national_adviser):
    """Sarah Benali of the national team, online for the chat."""
    presence_beat(national_adviser)
    return national_adviser
