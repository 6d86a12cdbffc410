"""Officers, a consultation about a service, and change records for the "you said, we did"
tests. Other test modules may import these fixtures: keep their names."""

import pytest
from bs4 import BeautifulSoup

from boardhub.demo.factories import (
    ChangeRecordFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    ServiceFactory,
    UserFactory,
)
from home.models import HomePage
from tests.feedback.conftest import officer_in


def change_record(**kwargs):
    """ChangeRecordFactory(**kwargs), with its services and consultations in the database:
    the factory adds them through modelcluster, which keeps them in memory until the record
    is saved again."""
    record = ChangeRecordFactory(**kwargs)
    record.save()
    return record


@pytest.fixture
def handler():
    """A feedback handler: may read responses and write change records, not publish them."""
    return officer_in("Feedback handlers")


@pytest.fixture
def moderator_handler():
    """May read responses, link them, and publish change records."""
    return officer_in("Feedback handlers", "Moderators")


@pytest.fixture
def editor():
    """May write and publish change records, but not read people's feedback."""
    return officer_in("Editors", "Moderators")


@pytest.fixture
def safeguarder():
    """A feedback handler in the safeguarding group too: may read and link flagged responses."""
    return officer_in("Feedback handlers", "Safeguarding")


@pytest.fixture
def member():
    """A board member who wants updates by email (no profile yet: the defaults)."""
    return UserFactory(verified=True, display_name="Sam")


@pytest.fixture
def service():
    return ServiceFactory(name="Home care", slug="home-care")


@pytest.fixture
def consultation_index():
    return ConsultationIndexPageFactory(parent=HomePage.objects.get())


@pytest.fixture
def consultation(consultation_index, service):
    return ConsultationPageFactory(
        parent=consultation_index, title="Care at home", services=[service]
    )


@pytest.fixture
def change(service, consultation):
    """A published change to the home care service, from the "Care at home" consultation."""
    return change_record(
        title="Evening home care visits",
        we_did="Visits can now be booked up to 9pm.",
        services=[service],
        consultations=[consultation],
    )


@pytest.fixture
def draft_change(service, consultation):
    """A change record never published."""
    return change_record(
        title="Carers who speak your language",
        live=False,
        services=[service],
        consultations=[consultation],
    )


def summary_value(html, key):
    """The value beside `key` in the first summary list row that has it."""
    soup = BeautifulSoup(html, "html.parser")
    for row in soup.select(".summary-list__row"):
        if row.dt.get_text(strip=True) == key:
            return row.dd.get_text(" ", strip=True)
    return None
