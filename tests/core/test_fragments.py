"""Shared fragments (boardhub.core.fragments): public pieces of pages kept in the shared cache
under the page cache's generation, so that pages for signed-in people, and pages the page
cache missed, are cheaper to render. What is kept, what makes it out of date at once, and
that nothing about a reader, and no draft, is ever kept."""

import pickle
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from boardhub.core import fragments, page_cache
from boardhub.core.models import BoardSettings
from boardhub.demo.factories import (
    ChangeFeedbackLinkFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    EasyReadGuidePageFactory,
    EasyReadIndexPageFactory,
    FeedbackFactory,
    ServiceFactory,
    StandardPageFactory,
    UserFactory,
)
from boardhub.impact.models import YouSaidWeDidPage
from home.models import HomePage
from tests.consultations.conftest import send_answers
from tests.impact.conftest import change_record

pytestmark = pytest.mark.django_db

ANSWERS = {"what_works_well_for_you": "The carers are kind.", "the_service_is_easy_to_use": "4"}


@pytest.fixture(autouse=True)
def board_settings():
    """The site's settings, made now rather than by the first page that reads them (making
    them is a change to the settings, which starts a new generation)."""
    return BoardSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def home():
    return HomePage.objects.get()


@pytest.fixture
def you_said_we_did(home):
    return home.add_child(
        instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
    )


@pytest.fixture
def service():
    return ServiceFactory(name="Home care", slug="home-care")


@pytest.fixture
def consultation_index(home):
    return ConsultationIndexPageFactory(parent=home, slug="consultations")


@pytest.fixture
def guide(home):
    index = EasyReadIndexPageFactory(parent=home, slug="easy-read")
    return EasyReadGuidePageFactory(parent=index, title="Direct payments", slug="direct-payments")


@pytest.fixture
def member():
    return UserFactory(
        verified=True, display_name="Philomena Quartermaine", email="philomena.q@example.org"
    )


def fragment_values():
    """Every shared fragment in the test's own in-memory cache (which pickles what it keeps)."""
    return {
        key: pickle.loads(value)  # noqa: S301 - the test's own cache
        for key, value in cache._cache.items()
        if f":{fragments.KEY_PREFIX}:" in key
    }


def kept(name):
    """Whether a fragment called `name` is in the cache (of any generation)."""
    return any(f":{name}:" in key for key in fragment_values())


def text_of(client, url):
    """What a reader sees on the page at `url`, as words separated by single spaces."""
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def get_counting_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


# The mechanism


def request_for(path="/"):
    return RequestFactory().get(path)


def test_something_shared_is_worked_out_once_then_read_from_the_cache():
    calls = []

    def compute():
        calls.append(1)
        return ["the answer"]

    first = fragments.shared(request_for(), "test", ("a",), compute)
    second = fragments.shared(request_for(), "test", ("a",), compute)

    assert first == second == ["the answer"]
    assert len(calls) == 1


def test_each_set_of_parts_is_kept_apart_and_empty_answers_are_kept_too():
    calls = []

    def compute():
        calls.append(1)
        return None

    for parts in [("a",), ("b",), ("a",), ("b",)]:
        assert fragments.shared(request_for(), "test", parts, compute) is None

    assert len(calls) == 2


def test_a_new_generation_makes_it_work_it_out_again():
    calls = []
    fragments.shared(request_for(), "test", (), lambda: calls.append(1))

    page_cache.forget_every_page()  # what publishing anything does
    fragments.shared(request_for(), "test", (), lambda: calls.append(1))

    assert len(calls) == 2


def test_previews_and_code_without_a_request_are_never_shared():
    preview = request_for()
    preview.is_preview = True
    calls = []

    for request in (preview, preview, None, None):
        fragments.shared(request, "test", (), lambda: calls.append(1))

    assert len(calls) == 4
    assert fragment_values() == {}


def test_the_generation_is_read_once_for_each_request():
    request = request_for()
    first = fragments.generation(request)
    page_cache.forget_every_page()

    assert fragments.generation(request) == first
    assert fragments.generation(request_for()) != first


def test_fragments_that_depend_on_the_time_are_worked_out_again_once_a_consultation_closes(
    consultation_index,
):
    now = timezone.now().replace(hour=10, minute=0)
    closes_at = now + timedelta(minutes=1)
    ConsultationPageFactory(
        parent=consultation_index, opens_at=now - timedelta(days=1), closes_at=closes_at
    )
    calls = {"timed": 0, "timeless": 0}

    def visit():
        for name, time_sensitive in (("timed", True), ("timeless", False)):

            def compute(name=name):
                calls[name] += 1

            fragments.shared(request_for(), name, (), compute, time_sensitive=time_sensitive)

    for moment in (now, closes_at - timedelta(seconds=1), closes_at + timedelta(seconds=1)):
        with time_machine.travel(moment, tick=False):
            visit()

    assert calls == {"timed": 2, "timeless": 1}


# Pages: served again from the cache, and up to date at once


def test_the_list_of_changes_is_served_again_from_the_cache(client, you_said_we_did, service):
    for number in range(3):
        change_record(title=f"Change {number}", services=[service])

    first, cold = get_counting_queries(client, "/you-said-we-did/")
    second, warm = get_counting_queries(client, "/you-said-we-did/")

    assert second.content == first.content
    assert "Change 2" in second.content.decode()
    # The list, the filters' choices, the menu and the footer come from the cache.
    assert warm <= cold - 4


def test_publishing_a_change_shows_in_every_shared_list_at_once(
    client, you_said_we_did, service, consultation_index
):
    change_record(title="Evening visits", services=[service])
    for url in ("/", "/you-said-we-did/", "/you-said-we-did/services/home-care/"):
        client.get(url)
    assert kept("home-page-changes") and kept("change-listing") and kept("service-timeline")

    change = change_record(title="Weekend visits", services=[service], live=False)
    change.save_revision().publish()

    home = text_of(client, "/")
    assert "Weekend visits" in home
    assert "2 changes agreed, not started yet" in home  # agreed, not done: not "made"
    assert "Weekend visits" in client.get("/you-said-we-did/").content.decode()
    assert "Weekend visits" in client.get("/you-said-we-did/services/home-care/").content.decode()

    change.refresh_from_db()
    change.unpublish()
    assert "Weekend visits" not in client.get("/you-said-we-did/").content.decode()
    assert "Weekend visits" not in client.get("/").content.decode()


def test_a_response_linked_to_a_change_counts_at_once(
    client, you_said_we_did, service, consultation_index
):
    consultation = ConsultationPageFactory(parent=consultation_index)
    change = change_record(title="Evening visits", services=[service])
    assert "from people" not in text_of(client, "/")  # no figure for responses until one
    assert kept("home-page-changes")

    ChangeFeedbackLinkFactory(change=change, feedback=FeedbackFactory(page=consultation))

    assert "1 response from people" in text_of(client, "/")


def test_a_renamed_service_shows_in_the_filters_at_once(
    client, consultation_index, you_said_we_did, service
):
    ConsultationPageFactory(parent=consultation_index, services=[service])
    change_record(services=[service])
    for url in ("/consultations/", "/you-said-we-did/"):
        assert ">Home care</option>" in client.get(url).content.decode()
    assert kept("consultation-filter-services") and kept("change-filter-choices")

    service.name = "Care and support at home"
    service.save()

    for url in ("/consultations/", "/you-said-we-did/"):
        assert ">Care and support at home</option>" in client.get(url).content.decode()


def test_a_published_page_shows_in_the_menu_and_breadcrumbs_at_once(client, home):
    about = StandardPageFactory(parent=home, title="About the board", slug="about")
    about.show_in_menus = True
    about.save_revision().publish()
    child = StandardPageFactory(parent=about, title="Our members", slug="members")
    assert ">About the board</a>" in client.get(child.url).content.decode()
    assert kept("main-navigation") and kept("breadcrumbs")

    about.title = "Who we are"
    about.save_revision().publish()

    html = client.get(child.url).content.decode()
    assert 'class="main-nav__link" href="/about/" aria-current="page">Who we are</a>' in html
    assert 'class="breadcrumbs__link" href="/about/">Who we are</a>' in html


def test_changed_settings_show_in_the_footer_at_once(client, home, board_settings):
    assert "Run by Our council" in text_of(client, "/")
    assert kept("template:footer")

    board_settings.council_name = "Riverside Council"
    board_settings.save()

    assert "Run by Riverside Council" in text_of(client, "/")


def test_a_published_guide_shows_its_new_words_at_once(client, guide):
    assert "Direct payments" in client.get(guide.url).content.decode()
    assert kept("template:easy-read-guide") and kept("standard-versions")

    guide.title = "Money to pay for your care"
    guide.save_revision().publish()

    assert "Money to pay for your care" in client.get(guide.url).content.decode()


def test_the_consultation_list_is_kept_no_later_than_the_next_opening(client, consultation_index):
    opens_at = timezone.now() + timedelta(minutes=10)
    ConsultationPageFactory(parent=consultation_index, title="Care at home", opens_at=opens_at)

    client.get("/consultations/")

    listing = [key for key in fragment_values() if ":consultation-listing:" in key]
    assert len(listing) == 1
    kept_for = cache._expire_info[listing[0]] - timezone.now().timestamp()
    assert 0 < kept_for <= 10 * 60


def test_a_preview_shows_the_draft_not_the_shared_published_guide(guide):
    client_html = guide.make_preview_request().content.decode()
    assert "Direct payments" in client_html

    guide.title = "A draft title"
    preview = guide.make_preview_request().content.decode()

    assert "A draft title" in preview
    assert all("A draft title" not in value[0] for value in fragment_values().values())


# Nothing about the reader


def test_nothing_about_a_signed_in_member_is_ever_shared(
    client, member, you_said_we_did, service, consultation_index, guide
):
    consultation = ConsultationPageFactory(
        parent=consultation_index, audience="members", services=[service]
    )
    change_record(title="Evening visits", services=[service])
    client.force_login(member)
    send_answers(client, consultation, ANSWERS)
    urls = [
        "/",
        "/consultations/",
        consultation.url,
        "/you-said-we-did/",
        "/you-said-we-did/services/home-care/",
        "/easy-read/",
        guide.url,
        "/account/feedback/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert ">Your account</a>" in response.content.decode(), url
    token = client.cookies["csrftoken"].value

    shared = repr(fragment_values())
    assert "Your account" not in shared  # the signed-in menu is added outside the cache
    assert "Sign out" not in shared
    for personal in (member.display_name, member.email, token, ANSWERS["what_works_well_for_you"]):
        assert personal not in shared, personal
    assert "csrfmiddlewaretoken" not in shared

    # And the same fragments serve someone who is not signed in.
    client.logout()
    html = client.get("/you-said-we-did/").content.decode()
    assert "Evening visits" in html
    assert ">Sign in</a>" in html


# How much a second visit still costs


def test_a_second_visit_to_each_public_page_makes_only_the_queries_that_find_the_page(
    client, you_said_we_did, service, consultation_index, guide
):
    """A signed-in member's second visit (or anyone's, when the page cache is off): the
    shared pieces come from the cache, and what is left is finding the page and its view
    restrictions, the page's own row or two, and nothing that grows with the content."""
    consultation = ConsultationPageFactory(parent=consultation_index, services=[service])
    for number in range(25):
        change_record(title=f"Change {number}", services=[service], consultations=[consultation])
    budgets = {  # a little above what each takes now
        "/": 5,
        "/consultations/": 7,
        consultation.url: 8,  # and its questions, to check answers against
        "/you-said-we-did/": 7,
        "/you-said-we-did/?service=home-care&page=2": 7,
        "/you-said-we-did/services/home-care/": 8,  # and the service, or "Page not found"
        "/easy-read/": 7,
        guide.url: 7,
    }
    counts = {}
    for url in budgets:
        client.get(url)
        counts[url] = get_counting_queries(client, url)[1]

    assert {url: count for url, count in counts.items() if count > budgets[url]} == {}
