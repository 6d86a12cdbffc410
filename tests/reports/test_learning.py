"""The learning report: responses that helped to change something, per consultation and
service; published changes by status; from a consultation closing to its first change."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup

from boardhub.consultations.models import FeedbackStatus
from boardhub.demo.factories import ChangeRecordFactory, ConsultationPageFactory, ServiceFactory
from boardhub.impact.models import ChangeConsultation, ChangeStatus
from tests.reports.test_volume import TODAY, sent

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/learning/"


def rows_of(response, caption_id):
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.find(id=caption_id).find_parent("table")
    return {
        tr.find("th").get_text(strip=True): [
            (td.get_text(strip=True), td.find("a")["href"] if td.find("a") else None)
            for td in tr.find_all("td")
        ]
        for tr in found.find("tbody").find_all("tr")
    }


@pytest.fixture
def learnt(consultation):
    consultation.services.add(ServiceFactory(name="Home care"))
    consultation.opens_at = datetime(2026, 9, 1, 9, tzinfo=UTC)
    consultation.closes_at = datetime(2026, 10, 31, 17, tzinfo=UTC)
    consultation.save()
    for day, status in [
        (1, FeedbackStatus.SHAPED_A_CHANGE),
        (2, FeedbackStatus.SHAPED_A_CHANGE),
        (3, FeedbackStatus.ACKNOWLEDGED),
        (4, FeedbackStatus.RECEIVED),
    ]:
        response = sent(consultation, datetime(2026, 10, day, tzinfo=UTC))
        response.status = status
        response.save(update_fields=["status"])
    other = ConsultationPageFactory(parent=consultation.get_parent(), title="Day centres")
    sent(other, datetime(2026, 11, 2, tzinfo=UTC))
    change = ChangeRecordFactory(status=ChangeStatus.IN_PROGRESS)
    ChangeConsultation.objects.create(change=change, consultation=consultation)
    type(change).objects.filter(pk=change.pk).update(
        first_published_at=consultation.closes_at + timedelta(days=12)
    )
    ChangeRecordFactory(status=ChangeStatus.DONE)
    return consultation


@time_machine.travel(TODAY)
def test_shares_changes_and_the_time_to_a_change(client, handler, learnt):
    client.force_login(handler)
    response = client.get(REPORT)

    shaped = rows_of(response, "shaped-caption")
    assert [text for text, __ in shaped["Everything"]] == ["5", "2", "40 in 100"]
    assert [text for text, __ in shaped["Care at home"]] == ["4", "2", "50 in 100"]
    assert [text for text, __ in shaped["Day centres"]] == ["1", "0", "0 in 100"]
    by_service = rows_of(response, "shaped-service-caption")
    assert [text for text, __ in by_service["Home care"]] == ["4", "2", "50 in 100"]
    changes = rows_of(response, "changes-caption")
    assert (changes["In progress"][0][0], changes["Done"][0][0], changes["Agreed"][0][0]) == (
        "1",
        "1",
        "0",
    )
    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())
    assert "1 consultation closed in this period; 1 of them has a published change" in text
    assert "a median of 12.0 days after closing" in text


@time_machine.travel(TODAY)
def test_each_figure_opens_what_it_counts(client, handler, learnt):
    client.force_login(handler)
    response = client.get(REPORT)
    for caption in ("shaped-caption", "shaped-service-caption", "changes-caption"):
        for cells in rows_of(response, caption).values():
            for text, link in cells:
                if link:
                    listing = client.get(link)
                    assert listing.context["paginator"].count == int(text), link


@pytest.mark.parametrize("size", [3, 30])
@time_machine.travel(TODAY)
def test_a_bounded_number_of_queries(
    client, handler, consultation, size, django_assert_max_num_queries
):
    for day in range(size):
        sent(consultation, datetime(2026, 1 + day % 11, 1 + day % 27, tzinfo=UTC))
        ChangeRecordFactory(status=ChangeStatus.DONE)
    client.force_login(handler)
    client.get(REPORT)
    with django_assert_max_num_queries(22):
        assert client.get(REPORT).status_code == 200
