"""The keeping-in-touch report: working days from a response to its first status change
and to its outcome, the share within the promise, and what waits past it now."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from boardhub.consultations.models import FeedbackStatus
from boardhub.feedback.models import StatusChange
from boardhub.notifications.models import Notification
from boardhub.reports.keeping_in_touch import percentile, working_days_between
from tests.reports.test_volume import TODAY, sent

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/keeping-in-touch/"


def changed(response, to_status, when):
    StatusChange.objects.create(
        feedback=response, from_status=response.status, to_status=to_status, changed_at=when
    )
    response.status = to_status
    response.save(update_fields=["status"])


def test_working_days_leave_out_weekends():
    friday, monday, next_friday = date(2026, 11, 6), date(2026, 11, 9), date(2026, 11, 13)
    assert working_days_between(friday, monday) == 1
    assert working_days_between(friday, next_friday) == 5
    assert working_days_between(monday, monday) == 0


def test_percentiles_of_weighted_waits():
    assert percentile([(1, 5), (3, 4), (10, 1)], 0.5) == 1
    assert percentile([(1, 5), (3, 4), (10, 1)], 0.9) == 3
    assert percentile([], 0.5) is None


@time_machine.travel(TODAY)
def test_waits_in_working_days(client, handler, consultation):
    # Sent on Monday 2 November: read on Wednesday (2), the outcome the next Monday (5).
    quick = sent(consultation, datetime(2026, 11, 2, 10, tzinfo=UTC))
    changed(quick, FeedbackStatus.ACKNOWLEDGED, datetime(2026, 11, 4, 9, tzinfo=UTC))
    changed(quick, FeedbackStatus.NO_ACTION_NEEDED, datetime(2026, 11, 9, 9, tzinfo=UTC))
    # Read ten working days late.
    slow = sent(consultation, datetime(2026, 11, 2, 10, tzinfo=UTC))
    changed(slow, FeedbackStatus.ACKNOWLEDGED, datetime(2026, 11, 16, 9, tzinfo=UTC))
    # Never read, and long past the promise.
    sent(consultation, datetime(2026, 10, 1, 10, tzinfo=UTC))
    client.force_login(handler)

    response = client.get(REPORT)
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {
        tr.find("th").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in soup.find(id="waits-caption").find_parent("table").find("tbody").find_all("tr")
    }
    first = rows["Read and acknowledged (the first change of status)"]
    assert first == ["2", "2", "10", "1 (50 in 100)"]
    assert rows["Told the outcome"][:3] == ["1", "5", "5"]

    waiting = soup.find(id="waiting-now").find_next("p").find("a")
    assert waiting.get_text() == "1 response"
    listing = client.get(waiting["href"])
    assert listing.context["paginator"].count == 1


@time_machine.travel(TODAY)
def test_nothing_in_the_period_says_so(client, handler, consultation):
    client.force_login(handler)
    page = client.get(REPORT).content.decode()
    assert "No responses arrived from 1 December 2025 to 7 December 2026" in page


@pytest.mark.parametrize("size", [3, 30])
@time_machine.travel(TODAY)
def test_a_bounded_number_of_queries(
    client, handler, consultation, size, django_assert_max_num_queries
):
    for day in range(size):
        response = sent(consultation, datetime(2026, 1 + day % 11, 1 + day % 27, tzinfo=UTC))
        changed(response, FeedbackStatus.ACKNOWLEDGED, datetime(2026, 12, 1, tzinfo=UTC))
    client.force_login(handler)
    client.get(REPORT)
    with django_assert_max_num_queries(20):
        assert client.get(REPORT).status_code == 200


def message(response, key, status, when):
    found = Notification.objects.create(
        message_key=key, channel="email", backend="email", status=status, about=response
    )
    Notification.objects.filter(pk=found.pk).update(created_at=when)


@time_machine.travel(TODAY)
def test_how_many_people_were_told_of_each_step(client, handler, consultation):
    told = sent(consultation, datetime(2026, 11, 2, 10, tzinfo=UTC))
    message(told, "feedback_receipt", "sent", datetime(2026, 11, 2, 10, tzinfo=UTC))
    changed(told, FeedbackStatus.ACKNOWLEDGED, datetime(2026, 11, 3, 9, tzinfo=UTC))
    message(told, "feedback_status_changed", "sent", datetime(2026, 11, 3, 9, tzinfo=UTC))
    changed(told, FeedbackStatus.NO_ACTION_NEEDED, datetime(2026, 11, 9, 9, tzinfo=UTC))
    message(told, "feedback_status_changed", "by_hand", datetime(2026, 11, 9, 9, tzinfo=UTC))
    # Their receipt failed for good, and nobody could be told it was read.
    failed = sent(consultation, datetime(2026, 11, 2, 10, tzinfo=UTC))
    message(failed, "feedback_receipt", "failed", datetime(2026, 11, 2, 10, tzinfo=UTC))
    changed(failed, FeedbackStatus.ACKNOWLEDGED, datetime(2026, 11, 4, 9, tzinfo=UTC))
    sent(consultation, datetime(2026, 11, 5, 10, tzinfo=UTC))  # anonymous: nobody to tell
    client.force_login(handler)

    soup = BeautifulSoup(client.get(REPORT).content, "html.parser")
    rows = {
        tr.find("th").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in soup.find(id="told-caption").find_parent("table").find("tbody").find_all("tr")
    }
    # Reached, told, still to be told, could not be told, nobody to tell.
    assert rows == {
        "We have it (a receipt)": ["3", "1", "0", "1", "1"],
        "Read and acknowledged": ["2", "1", "0", "0", "1"],
        "Told the outcome": ["1", "0", "1", "0", "0"],
    }
