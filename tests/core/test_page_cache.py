"""Public pages served from the cache to people who are not signed in (boardhub.core.page_cache):
what is kept, what makes it out of date, and what never goes near it."""

import pickle
from datetime import datetime, timedelta

import pytest
import time_machine
from django.apps import apps
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction, Site

from boardhub.core import page_cache, registry
from boardhub.core.models import BoardSettings
from boardhub.core.reader_preferences import TEXT_SIZE_COOKIE
from boardhub.demo.factories import (
    ChangeFeedbackLinkFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    FeedbackFactory,
    ServiceFactory,
    StandardPageFactory,
    UserFactory,
)
from boardhub.impact.models import YouSaidWeDidPage
from home.models import HomePage
from tests.consultations.conftest import idempotency_key, send_answers
from tests.impact.conftest import change_record, summary_value

pytestmark = pytest.mark.django_db

ANSWERS = {"what_works_well_for_you": "The carers are kind.", "the_service_is_easy_to_use": "4"}


@pytest.fixture(autouse=True)
def _cache_on(settings):
    """The cache is on for these tests, whatever the test settings say."""
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture(autouse=True)
def board_settings():
    """The site's settings, made now rather than by the first page that reads them (making
    them is a change to the settings, which empties the page cache)."""
    return BoardSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def about():
    return StandardPageFactory(parent=HomePage.objects.get(), title="About the board", slug="about")


@pytest.fixture
def consultation_index():
    return ConsultationIndexPageFactory(parent=HomePage.objects.get())


@pytest.fixture
def consultation(consultation_index):
    return ConsultationPageFactory(parent=consultation_index)


@pytest.fixture
def service():
    return ServiceFactory(name="Home care", slug="home-care")


@pytest.fixture
def you_said_we_did():
    return HomePage.objects.get().add_child(
        instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
    )


@pytest.fixture
def member():
    return UserFactory(
        verified=True, display_name="Philomena Quartermaine", email="philomena.q@example.org"
    )


@pytest.fixture
def registry_for_this_test(monkeypatch):
    """What a test registers, as an app would in its ready(), is forgotten after it."""
    for name in ("_saved_models", "_published_models", "_moments", "_private_paths"):
        monkeypatch.setattr(registry, name, list(getattr(registry, name)))


def cached(response):
    return response.get(page_cache.HEADER)


def visit_twice(client, url):
    """Visit `url` twice, the second time from the cache, and return the second response."""
    first = client.get(url)
    assert cached(first) == "miss", url
    second = client.get(url)
    assert cached(second) == "hit", url
    return second


# Serving from the cache


def test_a_second_visit_is_served_from_the_cache_without_the_database(
    client, about, django_assert_num_queries
):
    first = client.get("/about/")
    with django_assert_num_queries(0):
        second = client.get("/about/")

    assert (cached(first), cached(second)) == ("miss", "hit")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    assert "Set-Cookie" not in second


def test_a_head_request_is_answered_from_the_cache(client, about):
    client.get("/about/")

    response = client.head("/about/")

    assert cached(response) == "hit"
    assert response.status_code == 200


def test_each_query_string_is_kept_apart(client, consultation_index):
    ConsultationPageFactory(parent=consultation_index, title="Care at home")

    everything = visit_twice(client, "/consultations/")
    upcoming = client.get("/consultations/", {"status": "upcoming"})

    assert cached(upcoming) == "miss"
    assert "Care at home" in everything.content.decode()
    assert "Care at home" not in upcoming.content.decode()


def test_readers_who_chose_larger_text_get_their_own_copy(client, about):
    visit_twice(client, "/about/")

    client.cookies[TEXT_SIZE_COOKIE] = "large"
    large = client.get("/about/")
    assert cached(large) == "miss"
    assert cached(client.get("/about/")) == "hit"
    assert "text-large" in client.get("/about/").content.decode()

    del client.cookies[TEXT_SIZE_COOKIE]
    standard = client.get("/about/")
    assert cached(standard) == "hit"
    assert "text-large" not in standard.content.decode()


def test_pages_that_are_not_found_are_not_kept(client):
    assert client.get("/no-such-page/").status_code == 404
    assert cached(client.get("/no-such-page/")) is None


# A consultation's form


def test_a_consultation_page_with_its_form_is_never_kept_so_answers_can_be_sent(
    client, consultation_index, django_capture_on_commit_callbacks
):
    page = ConsultationPageFactory(parent=consultation_index, title="Care at home")
    client.handler.enforce_csrf_checks = True

    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        assert cached(response) is None
        assert "csrftoken" in response.cookies

    token = client.cookies["csrftoken"].value
    posted = client.post(page.url, {**ANSWERS, "action": "continue", "csrfmiddlewaretoken": token})
    assert posted.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            page.url + "check-your-answers/",
            {"idempotency_key": idempotency_key(client, page), "csrfmiddlewaretoken": token},
        )
    assert "We have your answers" in sent.content.decode()


def test_answers_sent_by_the_public_leave_the_cached_pages_in_place(
    client, about, consultation_index
):
    page = ConsultationPageFactory(parent=consultation_index)
    visit_twice(client, "/about/")

    send_answers(client, page, ANSWERS)
    client.cookies.clear()

    assert cached(client.get("/about/")) == "hit"


# What makes a kept page out of date


def test_publishing_a_new_title_shows_at_once(client, about):
    visit_twice(client, "/about/")

    about.title = "Who we are"
    about.save_revision().publish()

    response = client.get("/about/")
    assert cached(response) == "miss"
    assert "Who we are" in response.content.decode()


def test_a_page_added_in_code_is_listed_at_once(client, consultation_index):
    visit_twice(client, "/consultations/")

    ConsultationPageFactory(parent=consultation_index, title="Care at home")

    assert "Care at home" in client.get("/consultations/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, about):
    visit_twice(client, "/about/")

    about.unpublish()

    assert client.get("/about/").status_code == 404


def test_a_page_made_private_stops_being_served_to_everyone_at_once(client, about):
    visit_twice(client, "/about/")

    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get("/about/")
    assert response.status_code == 302  # to sign in
    assert "/accounts/login/" in response["Location"]

    restriction.delete()

    assert client.get("/about/").status_code == 200


def test_the_cache_moves_on_again_when_a_change_commits(
    client, about, django_capture_on_commit_callbacks
):
    visit_twice(client, "/about/")

    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        about.title = "About us"
        about.save_revision().publish()
        client.get("/about/")  # before the commit: stored under the new generation

    for callback in on_commit:
        callback()

    assert cached(client.get("/about/")) == "miss"


def test_a_deleted_page_is_gone_at_once(client, about):
    visit_twice(client, "/about/")

    about.delete()

    assert client.get("/about/").status_code == 404


def test_a_moved_page_is_found_at_its_new_address_at_once(client, about):
    new_parent = StandardPageFactory(parent=HomePage.objects.get(), slug="the-board")
    visit_twice(client, "/about/")

    about.move(new_parent, pos="last-child")

    old_address = client.get("/about/")
    assert old_address.status_code == 301  # Wagtail's redirect from where it was
    assert old_address["Location"] == "/the-board/about/"
    assert client.get("/the-board/about/").status_code == 200


def test_publishing_and_unpublishing_a_change_shows_at_once(client, you_said_we_did):
    change = change_record(title="Evening home care visits", live=False)
    assert (
        "Evening home care visits" not in visit_twice(client, "/you-said-we-did/").content.decode()
    )

    change.save_revision().publish()
    assert "Evening home care visits" in client.get("/you-said-we-did/").content.decode()
    assert cached(client.get("/you-said-we-did/")) == "hit"

    change.refresh_from_db()
    change.unpublish()
    assert "Evening home care visits" not in client.get("/you-said-we-did/").content.decode()


def test_a_deleted_change_is_gone_at_once(client, you_said_we_did):
    change = change_record(title="Evening home care visits")
    url = f"/you-said-we-did/changes/{change.pk}/"
    visit_twice(client, url)

    change.delete()

    assert client.get(url).status_code == 404


def test_a_renamed_service_shows_its_new_name_at_once(client, you_said_we_did, service):
    change_record(services=[service])
    url = "/you-said-we-did/services/home-care/"
    assert "Home care" in visit_twice(client, url).content.decode()

    service.name = "Care and support at home"
    service.save()

    assert "Care and support at home" in client.get(url).content.decode()


def test_saving_a_draft_of_a_change_leaves_the_cached_pages_in_place(client, you_said_we_did):
    change = change_record(title="Evening home care visits")
    visit_twice(client, "/you-said-we-did/")

    change.title = "Weekend home care visits"
    change.save_revision()

    response = client.get("/you-said-we-did/")
    assert cached(response) == "hit"
    assert "Evening home care visits" in response.content.decode()


def test_a_model_an_app_registers_makes_every_page_miss_when_saved_or_deleted(
    client, about, registry_for_this_test
):
    visit_twice(client, "/about/")
    unregistered = Redirect.objects.create(old_path="/old-about", redirect_link="/about/")
    assert cached(client.get("/about/")) == "hit"

    registry.register_cache_model(Redirect)
    Redirect.objects.create(old_path="/older-about", redirect_link="/about/")
    assert cached(client.get("/about/")) == "miss"
    assert cached(client.get("/about/")) == "hit"

    unregistered.delete()
    assert cached(client.get("/about/")) == "miss"


def test_changed_site_settings_show_at_once(client, about, board_settings):
    visit_twice(client, "/about/")

    board_settings.council_name = "Riverside Council"
    board_settings.save()

    assert "Run by Riverside Council" in client.get("/about/").content.decode()


@pytest.mark.parametrize("action", ["link", "unlink"])
def test_the_count_of_responses_that_shaped_a_change_is_right_at_once(
    client, you_said_we_did, consultation, action
):
    change = change_record()
    link = ChangeFeedbackLinkFactory(change=change, feedback=FeedbackFactory(page=consultation))
    url = f"/you-said-we-did/changes/{change.pk}/"
    visit_twice(client, url)

    if action == "link":
        ChangeFeedbackLinkFactory(change=change, feedback=FeedbackFactory(page=consultation))
        expected = "2"
    else:
        link.delete()
        expected = "None: no responses are linked to it"

    assert summary_value(client.get(url).content, "Responses that shaped it") == expected


def test_pages_miss_even_when_the_cache_lost_its_generation_number(client, about):
    visit_twice(client, "/about/")
    cache.delete(page_cache.GENERATION_KEY)

    about.title = "Who we are"
    about.save_revision().publish()

    assert "Who we are" in client.get("/about/").content.decode()


# Changes that come with time


def test_a_consultation_opens_on_time_even_on_a_kept_page(client, consultation_index):
    opens_at = timezone.now() + timedelta(seconds=20)
    page = ConsultationPageFactory(
        parent=consultation_index, title="Care at home", opens_at=opens_at
    )
    with time_machine.travel(opens_at - timedelta(seconds=10), tick=False):
        assert "Not open yet" in visit_twice(client, "/consultations/").content.decode()

    with time_machine.travel(opens_at + timedelta(seconds=1), tick=False):
        response = client.get("/consultations/")

    assert cached(response) == "miss"
    assert "Open now" in response.content.decode()
    assert page.title in response.content.decode()


def test_pages_are_kept_until_the_next_opening_or_closing_at_most(consultation_index):
    noon = timezone.make_aware(datetime(2026, 6, 10, 12, 0))
    assert page_cache.seconds_to_keep(60, noon) == 60

    ConsultationPageFactory(
        parent=consultation_index,
        opens_at=noon - timedelta(days=1),
        closes_at=noon + timedelta(seconds=25),
    )
    assert page_cache.seconds_to_keep(60, noon) == 25
    assert page_cache.seconds_to_keep(60, noon + timedelta(seconds=30)) == 60


def test_the_next_opening_or_closing_is_looked_up_once_for_many_pages(
    consultation, django_assert_num_queries
):
    # One query for each app's moments (consultations, meetings), then none for a while.
    with django_assert_num_queries(len(registry.moments())):
        page_cache.seconds_to_keep(60)
    with django_assert_num_queries(0):
        page_cache.seconds_to_keep(60)


def test_an_app_made_ready_again_asks_for_its_moments_once(consultation, django_assert_num_queries):
    apps.get_app_config("consultations").ready()

    with django_assert_num_queries(len(registry.moments())):
        page_cache.seconds_to_keep(60)


def test_a_moment_an_app_registers_cuts_how_long_a_page_is_kept(
    client, about, registry_for_this_test
):
    now = timezone.now()
    closes_at = now + timedelta(seconds=15)

    def next_closing(when):
        return closes_at if when < closes_at else None

    registry.register_moments(next_closing)
    with time_machine.travel(now, tick=False):
        visit_twice(client, "/about/")
    with time_machine.travel(closes_at - timedelta(seconds=1), tick=False):
        assert cached(client.get("/about/")) == "hit"
    with time_machine.travel(closes_at + timedelta(seconds=1), tick=False):
        assert cached(client.get("/about/")) == "miss"


def test_pages_are_kept_until_midnight_at_most_so_days_left_stay_right():
    before_midnight = timezone.make_aware(datetime(2026, 6, 10, 23, 59, 30))

    assert page_cache.seconds_to_keep(60, before_midnight) == 30


def test_setting_the_time_to_zero_turns_the_cache_off(client, about, settings):
    settings.PAGE_CACHE_SECONDS = 0

    client.get("/about/")

    assert cached(client.get("/about/")) is None


# Signed-in people, and personal data


def test_signed_in_people_never_get_or_fill_a_cached_page(client, about, member):
    visit_twice(client, "/about/")
    keys_before = set(cache._cache)
    client.force_login(member)

    for url in ("/about/", "/", "/about/"):
        response = client.get(url)
        assert cached(response) is None, url
        assert ">Your account</a>" in response.content.decode(), url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url

    assert {key for key in cache._cache if "page-cache" in key} == {
        key for key in keys_before if "page-cache" in key
    }


def test_no_personal_data_ever_enters_the_cache(client, about, member, consultation_index):
    page = ConsultationPageFactory(parent=consultation_index, audience="members")
    client.get("/about/")
    client.force_login(member)
    for url in ("/", "/about/", page.url, "/account/", "/account/profile/", "/consultations/"):
        client.get(url)
    send_answers(client, page, ANSWERS)
    client.logout()
    client.get("/about/")
    client.get("/")

    # The test's own in-memory cache, which holds values pickled.
    stored = [pickle.loads(value) for value in cache._cache.values()]  # noqa: S301
    assert any("page-cache" in key for key in cache._cache)
    for text in (member.display_name, member.email):
        assert all(text not in repr(value) for value in stored), text


def test_every_account_page_tells_browsers_not_to_keep_it(client, member, consultation_index):
    feedback = FeedbackFactory(
        page=ConsultationPageFactory(parent=consultation_index), member=member
    )
    client.force_login(member)
    urls = [
        reverse("members:dashboard"),
        reverse("members:profile"),
        reverse("members:feedback"),
        reverse("members:feedback_detail", args=[feedback.reference]),
        reverse("members:feedback_changes"),
        reverse("members:keep_signed_in"),
        reverse("members:equality"),
        reverse("members:equality_withdraw"),
        reverse("privacy:index"),
        reverse("privacy:summary"),
        reverse("privacy:download"),
        reverse("privacy:delete"),
        reverse("privacy:deleted"),
        reverse("account_email"),
        reverse("account_change_password"),
        "/admin/",
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


def test_an_address_an_app_registers_as_private_is_never_kept(
    client, about, registry_for_this_test
):
    registry.register_private_paths("/about/")

    for _ in range(2):
        response = client.get("/about/")
        assert response.status_code == 200
        assert cached(response) is None
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_pages_for_one_person_are_never_kept_even_for_someone_not_signed_in(client):
    urls = (
        reverse("account_login"),
        reverse("account_reset_password_done"),
        "/account/",
        reverse("joining:application_received"),
        reverse("joining:accept", args=["not-a-real-token"]),
    )
    for url in urls:
        for _ in range(2):
            response = client.get(url)
            assert "no-store" in response["Cache-Control"], url
            assert "private" in response["Cache-Control"], url
            assert cached(response) is None, url
