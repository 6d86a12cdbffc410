"""Shared fixtures for the easy-read tests (tests/easyread/ and the browser tests)."""

import pytest

from boardhub.demo.factories import EasyReadGuidePageFactory, EasyReadIndexPageFactory
from home.models import HomePage
from tests.feedback.conftest import officer_in


@pytest.fixture
def easy_read_index():
    return EasyReadIndexPageFactory(parent=HomePage.objects.get(), slug="easy-read")


@pytest.fixture
def guide(easy_read_index):
    """A live guide that passes the readability check: a heading, three rows with pictures and
    alt text, a hard word, an important box and a contact."""
    return EasyReadGuidePageFactory(
        parent=easy_read_index, title="Direct payments", slug="direct-payments"
    )


@pytest.fixture
def officer():
    """An officer who writes and publishes guides (a Moderator, with two-factor set up)."""
    return officer_in("Moderators")
