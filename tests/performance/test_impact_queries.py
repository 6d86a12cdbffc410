"""Query counts on the public "you said, we did" pages stay the same with 60 published changes
as with 5, each with two services, a consultation and three responses.

Each test counts the queries a page makes with FEW changes, tops them up to MANY and counts
again: the counts must be equal, and within the page's budget. Times are `make bench`'s job.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from boardhub.consultations.models import Feedback
from boardhub.core.page_cache import forget_every_page
from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    ServiceFactory,
)
from boardhub.impact.models import (
    ChangeConsultation,
    ChangeFeedbackLink,
    ChangeRecord,
    ChangeService,
    ChangeStatus,
    YouSaidWeDidPage,
)
from home.models import HomePage
from tests.listing import cards

pytestmark = pytest.mark.django_db

FEW = 5
MANY = 60

# The most queries each page may make, however many changes there are. A page that needs
# more has grown an N+1: fix the page rather than raise its budget.
BUDGETS = {
    "index": 17,  # 14 when written
    "index_filtered": 17,  # 15, 14 with the filters' choices in one query each
    "change": 16,  # 13
    "service": 19,  # 16
    "open_data": 9,  # 6
    "home": 17,  # 12; 15 before the next meeting (its section, and meetings' moments)
    "consultation_index": 17,  # 14
    "closed_consultation": 20,  # 18, 17 with two-level pages found in one query
}


@pytest.fixture
def site():
    home = HomePage.objects.get()
    page = home.add_child(
        instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
    )
    index = ConsultationIndexPageFactory(parent=home)
    now = timezone.now()
    closed = [
        ConsultationPageFactory(
            parent=index,
            opens_at=now - datetime.timedelta(days=30),
            closes_at=now - datetime.timedelta(days=number + 1),
        )
        for number in range(3)
    ]
    services = [ServiceFactory() for _ in range(3)]
    return {"page": page, "index": index, "consultations": closed, "services": services}


def add_changes(site, up_to):
    """Top the published changes up to `up_to`, each with two services, one consultation and
    three responses, spread over the site's services and consultations; and add a draft."""
    start = ChangeRecord.objects.published().count()
    statuses = [ChangeStatus.AGREED, ChangeStatus.IN_PROGRESS, ChangeStatus.DONE]
    changes = ChangeRecord.objects.bulk_create(
        ChangeRecord(
            title=f"Change {number}",
            you_said=f"You said {number}.",
            we_did=f"We did {number}.",
            status=statuses[number % len(statuses)],
            agreed_on=datetime.date(2026, 1, 1) - datetime.timedelta(days=number),
            live=True,
        )
        for number in range(start, up_to)
    )
    ChangeRecord.objects.create(title="A draft", you_said="-", we_did="-", live=False)
    services, consultations = site["services"], site["consultations"]
    # Spread by the change's number, not its id: ids depend on the database's sequences, and
    # the filtered index must find changes with few rows as with many.
    numbered = list(enumerate(changes, start))
    ChangeService.objects.bulk_create(
        ChangeService(change=change, service=services[(number + step) % len(services)])
        for number, change in numbered
        for step in (0, 1)
    )
    ChangeConsultation.objects.bulk_create(
        ChangeConsultation(change=change, consultation=consultations[number % len(consultations)])
        for number, change in numbered
    )
    responses = Feedback.objects.bulk_create(
        Feedback(page=consultations[0], form_data={"answer": "Yes"})
        for _ in range(len(changes) * 3)
    )
    ChangeFeedbackLink.objects.bulk_create(
        ChangeFeedbackLink(change=change, feedback=responses[number * 3 + step])
        for number, change in enumerate(changes)
        for step in range(3)
    )


def count_queries(client, url):
    # A new generation, as publishing the changes would start (add_changes writes them in bulk,
    # which sends no signal): the fragments pages share in the cache are worked out afresh, so
    # this counts all a page needs.
    forget_every_page()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def assert_bounded(client, site, url, budget, django_assert_max_num_queries):
    add_changes(site, FEW)
    client.get(url)  # warm the caches (site root paths, settings) so both counts compare
    few = count_queries(client, url)
    add_changes(site, MANY)
    assert ChangeRecord.objects.published().count() == MANY
    with django_assert_max_num_queries(budget):
        many = count_queries(client, url)
    assert many == few, f"{url}: {few} queries with {FEW} changes, {many} with {MANY}"


def test_the_index(client, site, django_assert_max_num_queries):
    assert_bounded(
        client, site, "/you-said-we-did/", BUDGETS["index"], django_assert_max_num_queries
    )


def test_the_index_filtered(client, site, django_assert_max_num_queries):
    service = site["services"][0]
    url = f"/you-said-we-did/?service={service.slug}&year=2025&status=done"
    assert_bounded(client, site, url, BUDGETS["index_filtered"], django_assert_max_num_queries)
    assert "Change 2" in client.get(url).content.decode(), "The filter found nothing to show"


def test_a_change_page(client, site, django_assert_max_num_queries):
    add_changes(site, 1)
    change = ChangeRecord.objects.published().get()
    url = f"/you-said-we-did/changes/{change.pk}/"
    assert_bounded(client, site, url, BUDGETS["change"], django_assert_max_num_queries)


def test_a_service_page(client, site, django_assert_max_num_queries):
    url = f"/you-said-we-did/services/{site['services'][0].slug}/"
    assert_bounded(client, site, url, BUDGETS["service"], django_assert_max_num_queries)


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_the_open_data(client, site, extension, django_assert_max_num_queries):
    url = f"/you-said-we-did/open-data.{extension}"
    assert_bounded(client, site, url, BUDGETS["open_data"], django_assert_max_num_queries)


def test_the_home_page(client, site, django_assert_max_num_queries):
    assert_bounded(client, site, "/", BUDGETS["home"], django_assert_max_num_queries)


def test_the_consultation_index_with_outcomes(client, site, django_assert_max_num_queries):
    url = site["index"].url
    budget = BUDGETS["consultation_index"]
    assert_bounded(client, site, url, budget, django_assert_max_num_queries)


def test_a_closed_consultations_outcome(client, site, django_assert_max_num_queries):
    url = site["consultations"][0].url
    budget = BUDGETS["closed_consultation"]
    assert_bounded(client, site, url, budget, django_assert_max_num_queries)


def test_the_consultation_index_with_more_closed_consultations_that_led_to_changes(
    client, site, django_assert_max_num_queries
):
    """Whether each closed consultation has an outcome is read with the list, not one query
    for each consultation."""
    url = site["index"].url
    now = timezone.now()

    def add_closed_consultations_with_changes(number):
        for _ in range(number):
            consultation = ConsultationPageFactory(
                parent=site["index"],
                opens_at=now - datetime.timedelta(days=30),
                closes_at=now - datetime.timedelta(days=2),
            )
            change = ChangeRecord.objects.create(title="A change", you_said="-", we_did="-")
            ChangeConsultation.objects.create(change=change, consultation=consultation)

    add_closed_consultations_with_changes(1)
    client.get(url)
    few = count_queries(client, url)
    add_closed_consultations_with_changes(6)
    with django_assert_max_num_queries(BUDGETS["consultation_index"]):
        many = count_queries(client, url)
    assert many == few
    outcome_published = "Outcome published"
    tags = [card["tag"] for card in cards(client.get(url).content)]
    assert tags.count(outcome_published) == 7
