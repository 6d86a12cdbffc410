"""The home page leads somewhere (issue 13): what is open now, then what the board changed,
then how to join; consultations for board members only show to people signed in, and none
shows after it closes, even on a page the cache kept."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from boardhub.core import page_cache
from boardhub.core.models import BoardSettings
from boardhub.demo.factories import (
    ChangeRecordFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    UserFactory,
)
from boardhub.impact.models import YouSaidWeDidPage
from home import sections
from home.models import HomePage

pytestmark = pytest.mark.django_db

# The most queries the home page may make, however many consultations are open: for a
# visitor as tests/performance/test_impact_queries.py allows, and for someone signed in,
# whose session and account are read too (and the next meeting for members, which may be for
# members only).
HOME_BUDGET = {False: 15, True: 19}


@pytest.fixture
def home():
    return HomePage.objects.get()


@pytest.fixture
def index(home):
    return ConsultationIndexPageFactory(parent=home, slug="consultations")


def open_titles(html):
    soup = BeautifulSoup(html, "html.parser")
    return [item.h3.get_text(strip=True) for item in soup.select(".home-open__item")]


def html_of(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_open_consultations_show_soonest_to_close_first_with_a_have_your_say_button(client, index):
    now = timezone.now()
    later = ConsultationPageFactory(
        parent=index, title="Day centres", closes_at=now + timedelta(days=20)
    )
    sooner = ConsultationPageFactory(
        parent=index, title="Care at home", closes_at=now + timedelta(days=3)
    )
    ConsultationPageFactory(
        parent=index,
        title="Closed one",
        opens_at=now - timedelta(days=9),
        closes_at=now - timedelta(days=1),
    )
    ConsultationPageFactory(parent=index, title="Not open yet", opens_at=now + timedelta(days=2))
    ConsultationPageFactory(parent=index, title="A draft", live=False)

    html = html_of(client)

    assert open_titles(html) == ["Care at home", "Day centres"]
    soup = BeautifulSoup(html, "html.parser")
    buttons = soup.select(".home-open__item a.button")
    assert [button.get_text(" ", strip=True) for button in buttons] == [
        "Have your say about “Care at home”",
        "Have your say about “Day centres”",
    ]
    assert [button["href"] for button in buttons] == [sooner.url, later.url]
    closes = soup.select_one(".home-open__item time")
    assert closes["datetime"] == (
        timezone.localtime(sooner.closes_at).replace(microsecond=0).isoformat()
    )
    assert '<a href="/consultations/">' in html


def test_members_only_consultations_show_only_to_people_signed_in(client, index):
    ConsultationPageFactory(parent=index, title="For everyone")
    ConsultationPageFactory(
        parent=index,
        title="For members",
        audience="members",
        closes_at=timezone.now() + timedelta(days=2),
    )

    public = html_of(client)
    client.force_login(UserFactory(verified=True))
    signed_in = html_of(client)
    client.logout()
    public_again = html_of(client)

    assert open_titles(public) == ["For everyone"]
    assert "also 1 consultation open to board members only" in public
    assert 'href="/accounts/login/?next=/"' in public
    assert open_titles(signed_in) == ["For members", "For everyone"]
    assert "For board members only." in signed_in
    assert "open to board members only" not in signed_in
    # What a member was shown is never kept for the public.
    assert open_titles(public_again) == ["For everyone"]


def test_a_consultation_the_public_cannot_see_is_not_shown(client, home, index):
    hidden = ConsultationPageFactory(parent=index, title="Behind a password")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    ConsultationPageFactory(parent=index, title="For everyone")

    assert open_titles(html_of(client)) == ["For everyone"]


def test_with_nothing_open_it_says_so_and_links_to_past_consultations(client, index):
    html = html_of(client)

    assert open_titles(html) == []
    assert "There is nothing open to answer right now." in html
    assert '<a href="/consultations/">' in html


def test_without_consultations_there_is_no_open_now_section(client):
    assert "Open now" not in html_of(client)


def test_the_sections_come_in_order_and_how_to_join_leads_to_the_join_page(client, home, index):
    home.introduction = "We are people who use care and support."
    home.save_revision().publish()
    home.add_child(instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did"))
    ChangeRecordFactory(title="Evening visits")
    ConsultationPageFactory(parent=index, title="Care at home")

    html = html_of(client)

    order = [
        "We are people who use care and support.",
        "Open now",
        "Care at home",
        "What the board has changed",
        "Join the board",
    ]
    main = html.index("<main")  # the header's menu may name some of them too
    positions = [html.index(words, main) for words in order]
    assert positions == sorted(positions)
    soup = BeautifulSoup(html, "html.parser")
    join = soup.select_one(".home-join a")
    assert (join["href"], join.get_text(strip=True)) == ("/join/", "How to join the board")


def test_people_signed_in_are_not_asked_to_join(client):
    client.force_login(UserFactory(verified=True))

    assert "How to join the board" not in html_of(client)


def test_the_next_board_meeting_has_its_place_between_consultations_and_changes():
    in_order = (
        sections.open_consultations,
        sections.next_meeting,
        sections.changes,
        sections.how_to_join,
    )
    assert in_order == sections.SECTIONS


def test_a_consultation_leaves_the_home_page_when_it_closes_even_from_the_cache(
    client, index, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    BoardSettings.for_site(Site.objects.get(is_default_site=True))
    closes_at = timezone.now() + timedelta(seconds=20)
    ConsultationPageFactory(parent=index, title="Closing soon", closes_at=closes_at)

    with time_machine.travel(closes_at - timedelta(seconds=10), tick=False):
        assert client.get("/").get(page_cache.HEADER) == "miss"
        kept = client.get("/")
        assert kept.get(page_cache.HEADER) == "hit"
        assert "Closing soon" in kept.content.decode()

    with time_machine.travel(closes_at + timedelta(seconds=1), tick=False):
        after = client.get("/")

    assert after.get(page_cache.HEADER) == "miss"
    assert "Closing soon" not in after.content.decode()


def count_home_queries(client):
    # A new generation, as publishing would start: every shared fragment is worked out again.
    page_cache.forget_every_page()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_open_now_section_takes_the_same_queries_for_1_or_6_open_consultations(
    client, index, signed_in, django_assert_max_num_queries
):
    if signed_in:
        client.force_login(UserFactory(verified=True))
    ConsultationPageFactory(parent=index)
    client.get("/")  # warm the caches (site root paths, settings) so both counts compare
    one = count_home_queries(client)
    for number in range(5):
        ConsultationPageFactory(parent=index, audience=["everyone", "members"][number % 2])

    with django_assert_max_num_queries(HOME_BUDGET[signed_in]):
        six = count_home_queries(client)

    assert six == one
    expected = 6 if signed_in else 4
    assert len(open_titles(html_of(client))) == min(expected, sections.OPEN_ON_HOME_PAGE)
