"""The public "What the board did this year": each year's consultations, changes, public
meetings and promises, and its responses by channel with small numbers hidden; an easy-read
version; nothing about any person."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import (
    ActionFactory,
    ChangeRecordFactory,
    ConsultationPageFactory,
    MeetingPageFactory,
    UserFactory,
)
from boardhub.feedback import handling
from boardhub.impact.models import ChangeRecord
from boardhub.reports.models import AnnualReportPage
from home.models import HomePage
from tests.reports.test_volume import sent

pytestmark = pytest.mark.django_db
TODAY = datetime(2026, 12, 7, 12, tzinfo=UTC)
ADDRESS = "/what-the-board-did/"


@pytest.fixture
def annual_page():
    page = AnnualReportPage(title="What the board did this year", slug="what-the-board-did")
    HomePage.objects.get().add_child(instance=page)
    return page


@pytest.fixture
def year_of_work(consultation, meeting, handler):
    """2026: a public consultation with 12 responses (10 online, 2 on paper, one flagged for
    safeguarding), a members-only one, a change, a public and a members-only meeting, and
    three promises; 2025: one change."""
    consultation.opens_at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    consultation.closes_at = datetime(2026, 4, 30, 17, tzinfo=UTC)
    consultation.save()
    member = UserFactory(display_name="Priya Private")
    flagged = sent(consultation, datetime(2026, 3, 2, tzinfo=UTC), member=member)
    Feedback.objects.filter(pk=flagged.pk).update(
        form_data={"what_works_well_for_you": "Secret words"}
    )
    handling.flag_for_safeguarding(flagged, "At risk", handler)
    for day in range(3, 12):
        sent(consultation, datetime(2026, 3, day, tzinfo=UTC))
    for day in (12, 13):
        sent(consultation, datetime(2026, 3, day, tzinfo=UTC), channel="paper")
    ConsultationPageFactory(
        parent=consultation.get_parent(),
        title="For members: the board's own rules",
        audience="members",
        opens_at=datetime(2026, 5, 1, 9, tzinfo=UTC),
        closes_at=datetime(2026, 5, 30, 9, tzinfo=UTC),
    )
    change = ChangeRecordFactory(title="Visits at the times you were told", status="done")
    old = ChangeRecordFactory(title="An older change")
    ChangeRecord.objects.filter(pk=change.pk).update(
        first_published_at=datetime(2026, 6, 1, tzinfo=UTC)
    )
    ChangeRecord.objects.filter(pk=old.pk).update(
        first_published_at=datetime(2025, 6, 1, tzinfo=UTC)
    )
    meeting.starts_at = datetime(2026, 7, 1, 10, tzinfo=UTC)
    meeting.ends_at = datetime(2026, 7, 1, 12, tzinfo=UTC)
    meeting.save()
    MeetingPageFactory(
        parent=meeting.get_parent(),
        title="A members-only meeting",
        audience="members",
        starts_at=datetime(2026, 8, 1, 10, tzinfo=UTC),
    )
    ActionFactory(
        meeting=meeting, due_on=date(2026, 8, 1), status="done", done_on=date(2026, 7, 20)
    )
    ActionFactory(meeting=meeting, due_on=date(2026, 8, 1), status="done", done_on=date(2026, 9, 1))
    ActionFactory(meeting=meeting, due_on=date(2026, 9, 1), status="open")


def main_text(response):
    return " ".join(
        BeautifulSoup(response.content, "html.parser").find("main").get_text(" ").split()
    )


def rows(response, caption_id):
    table = BeautifulSoup(response.content, "html.parser").find(id=caption_id).find_parent("table")
    return {
        tr.find("th").get_text(strip=True): tr.find("td").get_text(strip=True)
        for tr in table.find("tbody").find_all("tr")
    }


@time_machine.travel(TODAY)
def test_this_years_page_shows_the_years_work_and_no_person(client, annual_page, year_of_work):
    response = client.get(ADDRESS)
    assert response.status_code == 200
    text = main_text(response)
    assert "What the board did in 2026" in text
    assert "1 consultation open to everyone, and 1 for board members" in text
    assert "Care at home" in text and "the board's own rules" not in text
    assert "Responses: 12." in text
    assert "Visits at the times you were told" in text and "An older change" not in text
    assert "Getting about in Larkfield" in text and "A members-only meeting" not in text
    assert rows(response, "promises-caption") == {
        "Done on time": "1",
        "Done late": "1",
        "Not done yet (open or in progress)": "1",
        "Of those, overdue now": "1",
        "Dropped, with a reason": "0",
    }
    # Two on paper is a small number: it, and the count that would give it away, are hidden.
    assert rows(response, "channels-caption") == {
        "Online": "hidden",
        "Paper form": "fewer than 5",
        "All": "12",
    }
    # The safeguarding-flagged response is counted, and nothing of it or its author shown.
    assert "Secret words" not in text and "Priya" not in text
    assert "What the board did in 2025" in text  # other years


@time_machine.travel(TODAY)
def test_each_year_has_its_own_page_and_easy_read(client, annual_page, year_of_work):
    last_year = main_text(client.get(f"{ADDRESS}2025/"))
    assert "What the board did in 2025" in last_year
    assert "An older change" in last_year and "Visits at the times" not in last_year
    assert client.get(f"{ADDRESS}2024/").status_code == 404
    assert client.get(f"{ADDRESS}2027/").status_code == 404

    easy_read = main_text(client.get(f"{ADDRESS}easy-read/"))
    assert "We asked people what they think 1 time." in easy_read
    assert "People told us what they think: 12 times." in easy_read
    assert "We changed 1 thing because people told us." in easy_read
    assert "The board met 1 time in public." in easy_read
    assert "1 of them were done on time." in easy_read


@time_machine.travel(TODAY)
def test_a_year_with_few_responses_shows_none_of_them_exactly(client, annual_page, consultation):
    consultation.opens_at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    consultation.save()
    for day in (2, 3):
        sent(consultation, datetime(2026, 3, day, tzinfo=UTC))
    response = client.get(ADDRESS)
    assert "fewer than 5 responses from people" in main_text(response)
    # A total under the threshold hides every count below it.
    assert "Responses: hidden." in main_text(response)
    assert rows(response, "channels-caption") == {"Online": "hidden", "All": "fewer than 5"}


@time_machine.travel(TODAY)
def test_a_year_of_only_a_few_responses_is_not_an_empty_year(client, annual_page, consultation):
    consultation.opens_at = datetime(2025, 12, 1, 9, tzinfo=UTC)
    consultation.save()
    sent(consultation, datetime(2026, 1, 5, tzinfo=UTC))
    text = main_text(client.get(ADDRESS))
    assert "Nothing to show for 2026 yet" not in text
    assert "fewer than 5 responses from people" in text


@time_machine.travel(TODAY)
def test_the_page_costs_a_bounded_number_of_queries(
    client, annual_page, year_of_work, django_assert_max_num_queries
):
    client.get(ADDRESS)
    with django_assert_max_num_queries(25):
        assert client.get(ADDRESS).status_code == 200
