"""The meetings' public pages are kept in the page cache, and whatever changes them (a meeting
published or moved, a venue, a partner, an action or its update saved, time passing an
action's due date) shows at the next visit."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Site

from boardhub.core import page_cache
from boardhub.core.models import BoardSettings
from boardhub.demo.factories import ActionFactory, MeetingPageFactory, PartnerFactory
from boardhub.meetings.models import ActionUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    # The site's settings made now, not by the first page that reads them: making them
    # empties the page cache.
    BoardSettings.for_site(Site.objects.get(is_default_site=True))


def kept(client, address):
    """The page, read twice: the second time from the cache."""
    client.get(address)
    second = client.get(address)
    assert second.get(page_cache.HEADER) == "hit", address
    return second.content.decode()


def fresh(client, address):
    return client.get(address).content.decode()


@pytest.fixture
def owner():
    return PartnerFactory(name="Larkfield NHS Trust")


def test_a_new_meeting_shows_on_the_index_at_once(client, meetings_index, meeting):
    assert meeting.title in kept(client, meetings_index.url)

    MeetingPageFactory(parent=meetings_index, title="Board meeting about short breaks")

    assert "Board meeting about short breaks" in fresh(client, meetings_index.url)


def test_a_meeting_moved_to_another_day_shows_at_once(client, meeting):
    assert "Getting about in Larkfield" in kept(client, meeting.url)
    new_day = meeting.starts_at + timedelta(days=7)

    meeting.starts_at, meeting.ends_at = new_day, new_day + timedelta(hours=2)
    meeting.save_revision().publish()

    assert f"{timezone.localtime(new_day):%B}" in fresh(client, meeting.url)
    assert str(timezone.localtime(new_day).day) in fresh(client, meeting.url)


def test_a_venues_new_facts_show_at_once(client, meeting):
    assert "There is no hearing loop." in kept(client, meeting.url)

    meeting.venue.hearing_loop = "yes"
    meeting.venue.save()

    assert "There is a hearing loop in the meeting room." in fresh(client, meeting.url)


def test_a_new_action_and_update_show_on_every_page_that_lists_them(
    client, actions_page, meeting, owner
):
    partner_page = f"{actions_page.url}partners/{owner.slug}/"
    ActionFactory(meeting=meeting, owner=owner, promise="Fix the lift.")
    for address in (actions_page.url, partner_page, meeting.url):
        assert "Fix the lift." in kept(client, address)

    action = ActionFactory(meeting=meeting, owner=owner, promise="Ring people who wait.")
    ActionUpdate.objects.create(action=action, text="The first calls are made.")

    for address in (actions_page.url, partner_page, meeting.url):
        page = fresh(client, address)
        assert "Ring people who wait." in page and "The first calls are made." in page, address


def test_a_partners_new_name_shows_at_once(client, actions_page, meeting, owner):
    ActionFactory(meeting=meeting, owner=owner)
    assert "Larkfield NHS Trust" in kept(client, actions_page.url)

    owner.name = "Larkfield and District NHS Trust"
    owner.save()

    assert "Larkfield and District NHS Trust" in fresh(client, actions_page.url)


def test_an_action_goes_overdue_on_the_cached_page_when_its_day_passes(
    client, actions_page, meeting, owner
):
    action = ActionFactory(meeting=meeting, owner=owner, promise="Fix the lift.")
    overdue_tag = ">Overdue</strong>"
    assert overdue_tag not in kept(client, actions_page.url)

    with time_machine.travel(action.due_on + timedelta(days=1), tick=False):
        assert overdue_tag in fresh(client, actions_page.url)
