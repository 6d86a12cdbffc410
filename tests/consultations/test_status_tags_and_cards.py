"""The consultations list as cards people can scan (a title, the status tag, a line about it
and when it opens or closes), and "Closing soon": an open consultation's last days, which starts
at a midnight that no cached page is kept past."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from boardhub.consultations.models.pages import CLOSING_SOON_DAYS
from boardhub.consultations.moments import next_opening_or_closing
from boardhub.core import page_cache
from boardhub.demo.factories import ConsultationPageFactory
from tests.listing import cards, key_value_tables_in_lists

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def consultations(index):
    """One of each, seen on 10 December 2026 at midday."""
    return {
        "upcoming": ConsultationPageFactory(
            parent=index,
            title="Day centres",
            summary="What should day centres offer?",
            opens_at=at(2026, 12, 20, 9, 0),
            closes_at=at(2027, 1, 20, 17, 0),
        ),
        "open": ConsultationPageFactory(
            parent=index,
            title="Care at home",
            summary="How can care at home be better?",
            audience="members",
            opens_at=at(2026, 12, 1, 9, 0),
            closes_at=at(2027, 1, 15, 17, 0),
        ),
        "closing_soon": ConsultationPageFactory(
            parent=index,
            title="Short breaks",
            summary="When do you need a break?",
            opens_at=at(2026, 11, 1, 9, 0),
            closes_at=at(2026, 12, 14, 17, 0),
        ),
        "closed": ConsultationPageFactory(
            parent=index,
            title="Transport",
            summary="Getting to appointments.",
            opens_at=at(2026, 10, 1, 9, 0),
            closes_at=at(2026, 11, 1, 17, 0),
        ),
        "outcome_published": ConsultationPageFactory(
            parent=index,
            title="Leaflets",
            summary="Our leaflets.",
            outcome="<p>We rewrote them.</p>",
            opens_at=at(2026, 9, 1, 9, 0),
            closes_at=at(2026, 10, 1, 17, 0),
        ),
    }


def test_each_consultation_is_a_card_with_its_status_in_words_and_colour(client, consultations):
    with time_machine.travel(at(2026, 12, 10, 12, 0), tick=False):
        html = client.get("/consultations/").content.decode()

    shown = {card["title"]: card for card in cards(html)}
    assert {title: (card["tag"], card["colour"]) for title, card in shown.items()} == {
        "Short breaks": ("Closing soon", "orange"),
        "Care at home": ("Open", "green"),
        "Day centres": ("Not open yet", "blue"),
        "Transport": ("Closed", "grey"),
        "Leaflets": ("Outcome published", "purple"),
    }
    assert shown["Care at home"]["summary"] == "How can care at home be better?"
    assert shown["Care at home"]["facts"] == [
        "Closes Friday 15 January 2027, 5pm (36 days left)",
        "For board members only",
    ]
    assert shown["Short breaks"]["facts"] == [
        "Closes Monday 14 December 2026, 5pm (4 days left)",
        "Anyone can answer",
    ]
    assert shown["Day centres"]["facts"][0] == "Opens Sunday 20 December 2026, 9am"
    assert shown["Transport"]["facts"] == ["Closed Sunday 1 November 2026, 5pm"]
    # The rest (who it is about, when it opened) is on the consultation's own page.
    assert not key_value_tables_in_lists(html)


def test_closing_soon_is_the_last_days_from_midnight(index):
    closes_at = at(2026, 12, 15, 17, 0)
    page = ConsultationPageFactory(parent=index, opens_at=at(2026, 12, 1, 9), closes_at=closes_at)
    starts = at(2026, 12, 15 - (CLOSING_SOON_DAYS - 1), 0, 0)

    with time_machine.travel(starts - datetime.timedelta(seconds=1), tick=False):
        assert page.tag_words == "Open"
    with time_machine.travel(starts, tick=False):
        assert page.tag_words == "Closing soon"


def test_closing_soon_starting_is_a_moment_no_cached_page_is_kept_past(index):
    ConsultationPageFactory(
        parent=index, opens_at=at(2026, 12, 1, 9, 0), closes_at=at(2026, 12, 15, 17, 0)
    )

    # Before it: the next change is the start of closing soon, 9 December at midnight.
    assert next_opening_or_closing(at(2026, 12, 5, 12, 0)) == at(2026, 12, 9, 0, 0)
    # Once it is closing soon, the next change is its closing.
    assert next_opening_or_closing(at(2026, 12, 9, 0, 0)) == at(2026, 12, 15, 17, 0)
    with time_machine.travel(at(2026, 12, 5, 12, 0), tick=False):
        kept = page_cache.seconds_to_keep(7 * 24 * 60 * 60)
    assert datetime.timedelta(seconds=kept) <= at(2026, 12, 9) - at(2026, 12, 5, 12)


def test_a_kept_list_says_closing_soon_once_it_is(client, index, settings):
    settings.PAGE_CACHE_SECONDS = 24 * 60 * 60
    ConsultationPageFactory(
        parent=index,
        title="Short breaks",
        opens_at=at(2026, 12, 1, 9, 0),
        closes_at=at(2026, 12, 15, 17, 0),
    )

    with time_machine.travel(at(2026, 12, 8, 23, 59), tick=False):
        client.get("/consultations/")
        before = client.get("/consultations/").content.decode()
    with time_machine.travel(at(2026, 12, 9, 0, 0, 1), tick=False):
        after = client.get("/consultations/").content.decode()

    assert [card["tag"] for card in cards(before)] == ["Open"]
    assert [card["tag"] for card in cards(after)] == ["Closing soon"]
