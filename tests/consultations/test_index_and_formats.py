"""The consultations index (filters, pages of results, bounded queries), asking for a
consultation in another format, and what a member's download holds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from boardhub.consultations.models import FormatRequest
from boardhub.core.page_cache import forget_every_page
from boardhub.demo.factories import (
    ConsultationPageFactory,
    FeedbackFactory,
    ServiceFactory,
    UserFactory,
)
from boardhub.privacy.registry import registry
from tests.consultations.conftest import XSS
from tests.listing import cards, current_page, page_numbers, previous_and_next

pytestmark = pytest.mark.django_db


def days(number):
    return timezone.now() + datetime.timedelta(days=number)


@pytest.fixture
def three_kinds(index):
    """One open, one not open yet and one closed consultation."""
    return {
        "open": ConsultationPageFactory(parent=index, title="Open one"),
        "upcoming": ConsultationPageFactory(
            parent=index, title="Upcoming one", opens_at=days(5), closes_at=days(20)
        ),
        "closed": ConsultationPageFactory(
            parent=index, title="Closed one", opens_at=days(-20), closes_at=days(-5)
        ),
    }


def test_the_index_groups_consultations_open_first(client, index, three_kinds):
    content = client.get(index.url).content.decode()

    order = [
        '<h2 class="heading-l">Open now</h2>',
        "Open one",
        '<h2 class="heading-l">Not open yet</h2>',
        "Upcoming one",
        '<h2 class="heading-l">Closed</h2>',
        "Closed one",
    ]
    positions = [content.index(text) for text in order]
    assert positions == sorted(positions)
    assert "3 consultations." in content


@pytest.mark.parametrize(
    ("status", "shown"),
    [("open", "Open one"), ("upcoming", "Upcoming one"), ("closed", "Closed one")],
)
def test_the_index_filters_by_status(client, index, three_kinds, status, shown):
    content = client.get(index.url, {"status": status}).content.decode()

    titles = {"Open one", "Upcoming one", "Closed one"}
    assert shown in content
    for title in titles - {shown}:
        assert title not in content
    assert "1 consultation matches." in content


def test_the_index_filters_by_service(client, index):
    home_care = ServiceFactory(name="Home care", slug="home-care")
    ServiceFactory(name="Short breaks", slug="short-breaks")
    ConsultationPageFactory(parent=index, title="About home care", services=[home_care])
    ConsultationPageFactory(parent=index, title="About something else")

    content = client.get(index.url, {"service": "home-care"}).content.decode()

    assert "About home care" in content
    assert "About something else" not in content
    assert '<option value="home-care" selected>Home care</option>' in content
    assert "Show all consultations" in content


def test_an_unknown_filter_is_explained_not_an_error(client, index, three_kinds):
    response = client.get(index.url, {"service": "no-such-service"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Choose a service from the list" in content
    assert "Open one" in content


def test_the_index_is_paginated_and_keeps_the_filters(client, index):
    for number in range(12):
        ConsultationPageFactory(parent=index, title=f"Care {number}")

    first = client.get(index.url, {"status": "open"}).content.decode()
    second = client.get(index.url, {"status": "open", "page": 2}).content.decode()

    assert current_page(first) == "1"
    assert page_numbers(first) == ["1", "2"]
    assert previous_and_next(first) == {"next": ("Next page", "?status=open&page=2")}
    assert current_page(second) == "2"
    assert previous_and_next(second) == {"prev": ("Previous page", "?status=open&page=1")}
    assert len(cards(second)) == 2


def test_the_index_needs_the_same_queries_for_3_or_30_consultations(
    client, index, django_assert_max_num_queries
):
    services = ServiceFactory.create_batch(3)

    def count_queries():
        client.get(index.url)  # fill Wagtail's per-process caches
        # A new generation, as publishing would start: the fragments pages share in the cache
        # are worked out afresh, so this counts all the page needs.
        forget_every_page()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(index.url).status_code == 200
        return len(queries)

    for _ in range(3):
        ConsultationPageFactory(parent=index, services=services)
    few = count_queries()
    for _ in range(27):
        ConsultationPageFactory(parent=index, services=services)

    # 15 before meetings: the time its pages change (moments) is one query more.
    with django_assert_max_num_queries(16):
        client.get(index.url)
    assert count_queries() == few


def test_the_index_shows_what_officers_typed_as_text(client, index):
    ConsultationPageFactory(
        parent=index, title=XSS, summary=XSS, services=[ServiceFactory(name=XSS)]
    )

    content = client.get(index.url).content.decode()

    assert "<script>alert(1)" not in content
    assert "<img src=x" not in content


# Another format


def test_someone_asks_for_another_format_and_officers_see_it(client, admin_client, index):
    page = ConsultationPageFactory(parent=index)

    response = client.post(
        f"{page.url}another-format/",
        {"format-format": "large_print", "format-contact_details": XSS},
    )

    assert response.status_code == 200
    assert "We have your request" in response.content.decode()
    request = FormatRequest.objects.get()
    assert request.consultation == page
    assert request.format == "large_print"
    assert request.contact_details == XSS  # stored as typed
    assert request.member is None

    listing = admin_client.get("/admin/format-requests/").content.decode()
    assert "Large print" in listing
    assert page.title in listing
    detail = admin_client.get(f"/admin/format-requests/inspect/{request.pk}/").content.decode()
    assert "<script>alert(1)" not in detail
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail


def test_a_format_request_with_mistakes_is_explained(client, index):
    page = ConsultationPageFactory(parent=index)

    response = client.post(f"{page.url}another-format/", {"format-format": "large_print"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "Tell us how to get it to you" in content
    assert not FormatRequest.objects.exists()


def test_nobody_adds_or_edits_a_format_request_in_the_admin(admin_client, index):
    page = ConsultationPageFactory(parent=index)
    request = FormatRequest.objects.create(
        consultation=page, format="audio", contact_details="Phone me"
    )

    assert admin_client.get("/admin/format-requests/new/").status_code != 200
    assert admin_client.get(f"/admin/format-requests/edit/{request.pk}/").status_code != 200


# Privacy


def test_a_members_download_has_their_answers(index):
    member = UserFactory()
    page = ConsultationPageFactory(parent=index, title="Care at home")
    feedback = FeedbackFactory(page=page, member=member)
    link = registry.get(feedback, "member")

    (record,) = link.export(link.rows_for(member))

    shown = {item.label: item.display for item in record}
    assert shown["Consultation"] == "Care at home"
    assert shown["Reference number"] == feedback.reference
    assert shown["What has happened to it"] == "Received"
    assert shown["What works well for you?"] == "The carers are kind."
    assert shown["The service is easy to use"] == "4 \N{EN DASH} Agree"


def test_wagtails_form_submissions_list_leads_officers_to_the_triage_listing(admin_client, index):
    """The answers are read through BoardHub's triage views only (feedback/one_door.py)."""
    page = ConsultationPageFactory(parent=index)
    other = ConsultationPageFactory(parent=index, title="Another one")
    feedback = FeedbackFactory(page=page, form_data={"what_works_well_for_you": XSS})
    elsewhere = FeedbackFactory(page=other)

    response = admin_client.get(f"/admin/forms/submissions/{page.pk}/", follow=True)

    content = response.content.decode()
    assert response.redirect_chain == [(f"/admin/feedback/?consultation={page.pk}", 302)]
    assert feedback.reference in content
    assert elsewhere.reference not in content
    assert "<script>alert(1)" not in content


def test_a_closed_consultation_offers_no_other_format(client, index):
    page = ConsultationPageFactory(parent=index, opens_at=days(-20), closes_at=days(-5))

    content = client.get(page.url).content.decode()

    assert "Ask for this in another format" not in content
