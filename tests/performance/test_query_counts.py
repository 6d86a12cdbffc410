"""Query counts stay the same with 10,000 responses in the database as with 10.

Each test loads 10 responses, counts the queries a page makes, tops the responses up to
10,000 and counts again: the two counts must be equal, and both within the page's budget.
Response times are measured by `make bench` (tests/performance/bench.py), never here.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.core.page_cache import forget_every_page
from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    UserFactory,
)
from home.models import HomePage
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db

FEW = 10
MANY = 10_000
STATUSES = list(FeedbackStatus.values)

# The most queries each page may make, whatever the number of responses. A page that needs
# more has grown an N+1: fix the page rather than raise its budget.
BUDGETS = {
    "consultation": 15,  # 13 when written, 12 with two-level pages found in one query
    "index": 16,  # 14
    "admin_listing": 20,  # 16
    "history": 12,  # 9
}


@pytest.fixture
def consultations():
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    return index, [ConsultationPageFactory(parent=index) for _ in range(3)]


@pytest.fixture
def member():
    return UserFactory(verified=True)


def add_responses(pages, up_to, member=None):
    """Top the responses up to `up_to`, spread over `pages`; one in ten is `member`'s."""
    start = Feedback.objects.count()
    now = timezone.now()
    rows = [
        Feedback(
            page=pages[number % len(pages)],
            form_data={
                "what_works_well_for_you": f"Answer {number}.",
                "the_service_is_easy_to_use": str(number % 5 + 1),
            },
            submit_time=now - timedelta(minutes=number),
            reference=f"BH-TEST-{number:06d}",
            status=STATUSES[number % len(STATUSES)],
            member=member if number % 10 == 0 else None,
        )
        for number in range(start, up_to)
    ]
    Feedback.objects.bulk_create(rows, batch_size=2000)


def count_queries(client, url):
    # A new generation, as publishing would start: the fragments pages share in the cache are
    # worked out afresh, so this counts all a page needs.
    forget_every_page()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def assert_bounded(client, url, pages, budget, django_assert_max_num_queries, member=None):
    client.get(url)  # warm the caches (site root paths, settings) so both counts compare
    add_responses(pages, FEW, member)
    few = count_queries(client, url)
    add_responses(pages, MANY, member)
    assert Feedback.objects.count() == MANY
    with django_assert_max_num_queries(budget):
        many = count_queries(client, url)
    assert many == few, f"{url}: {few} queries with {FEW} responses, {many} with {MANY}"
    assert few <= budget


def test_the_consultation_page(client, consultations, django_assert_max_num_queries):
    _, pages = consultations
    url = pages[0].url
    assert_bounded(client, url, pages, BUDGETS["consultation"], django_assert_max_num_queries)


def test_the_consultation_index(client, consultations, django_assert_max_num_queries):
    index, pages = consultations
    assert_bounded(client, index.url, pages, BUDGETS["index"], django_assert_max_num_queries)


def test_the_admin_feedback_listing(client, consultations, django_assert_max_num_queries):
    _, pages = consultations
    client.force_login(officer_in("Feedback handlers"))
    assert_bounded(
        client, "/admin/feedback/", pages, BUDGETS["admin_listing"], django_assert_max_num_queries
    )


def test_the_members_history(client, consultations, member, django_assert_max_num_queries):
    _, pages = consultations
    client.force_login(member)
    assert_bounded(
        client,
        "/account/feedback/",
        pages,
        BUDGETS["history"],
        django_assert_max_num_queries,
        member=member,
    )
