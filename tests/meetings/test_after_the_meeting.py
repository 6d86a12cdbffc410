"""After the meeting: organisers record who came, the meeting's page says how many came and
who the guests were, and the public minutes name no board member who has not agreed."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import PageLogEntry, Site

from boardhub.demo.factories import ActionFactory, PartnerFactory, UserFactory, VenueFactory
from boardhub.meetings.models import RSVP, Guest
from tests.feedback.conftest import officer_in
from tests.meetings.conftest import hold

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return officer_in("Meeting organisers")


def member_named(first, last):
    return UserFactory(first_name=first, last_name=last)


@pytest.fixture
def answers(meeting):
    """Three members answered: two coming (one agreed to be named), one not coming."""
    agreed = RSVP.objects.create(
        meeting=meeting,
        member=member_named("Priya", "Shah"),
        answer="in_person",
        may_be_named=True,
    )
    quiet = RSVP.objects.create(
        meeting=meeting, member=member_named("Tom", "Okafor"), answer="online"
    )
    away = RSVP.objects.create(
        meeting=meeting, member=member_named("Ann", "Lee"), answer="not_coming"
    )
    return agreed, quiet, away


def record(client, meeting, came, answered):
    return client.post(
        f"/admin/who-is-coming/{meeting.pk}/came/",
        {"came": [rsvp.pk for rsvp in came], "answered": [rsvp.pk for rsvp in answered]},
        follow=True,
    )


def test_organisers_record_who_came_and_the_page_counts_them(client, organiser, meeting, answers):
    agreed, quiet, __ = answers
    hold(meeting)
    Guest.objects.create(meeting=meeting, organisation="Larkfield NHS Trust", role="Director")
    client.force_login(organiser)

    saved = record(client, meeting, came=[agreed, quiet], answered=answers)

    assert "Saved: 2 members came." in saved.content.decode()
    assert [r.attended for r in RSVP.objects.order_by("pk")] == [True, True, False]
    assert PageLogEntry.objects.filter(action="boardhub.meetings.attendance_recorded").exists()
    client.logout()
    page = client.get(meeting.url).content.decode()
    assert "2 board members came. Among them: Priya Shah." in page
    assert "Larkfield NHS Trust: Director" in page
    assert "Tom Okafor" not in page and "Ann Lee" not in page


def test_recording_who_came_again_shows_at_once_on_the_cached_page(
    client, organiser, meeting, answers, settings
):
    from boardhub.core import page_cache
    from boardhub.core.models import BoardSettings

    settings.PAGE_CACHE_SECONDS = 60
    # The site's settings made now, not by the first page that reads them: making them is a
    # change to the settings, which empties the page cache.
    BoardSettings.for_site(Site.objects.get(is_default_site=True))
    agreed, quiet, __ = answers
    hold(meeting)
    public = Client()
    client.force_login(organiser)
    record(client, meeting, came=[agreed], answered=answers)
    public.get(meeting.url)
    kept = public.get(meeting.url)
    assert kept.get(page_cache.HEADER) == "hit" and "1 board member came." in kept.content.decode()

    record(client, meeting, came=[agreed, quiet], answered=answers)

    assert "2 board members came." in public.get(meeting.url).content.decode()


def test_who_came_cannot_be_recorded_before_the_meeting(client, organiser, meeting, answers):
    client.force_login(organiser)

    refused = record(client, meeting, came=answers[:1], answered=answers)

    assert "You can record who came once the meeting has started." in refused.content.decode()
    assert not RSVP.objects.filter(attended__isnull=False).exists()


def test_other_officers_cannot_record_who_came(client, meeting, answers):
    hold(meeting)
    client.force_login(officer_in("Feedback handlers"))

    refused = client.post(f"/admin/who-is-coming/{meeting.pk}/came/", {"came": [answers[0].pk]})

    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert not RSVP.objects.filter(attended__isnull=False).exists()


def test_public_minutes_cannot_name_a_member_who_did_not_agree(meeting, answers):
    meeting.minutes = "<p>Tom&nbsp;Okafor asked about buses. Priya Shah agreed.</p>"
    meeting.easy_read_summary = "We talked about buses with Ann Lee."

    with pytest.raises(ValidationError) as refused:
        meeting.full_clean()

    errors = refused.value.message_dict
    assert errors["minutes"] == [
        "This names Tom Okafor, a board member who has not agreed to be named in public. "
        "Write their role instead, for example 'a board member', or ask them to agree when "
        "they answer 'Are you coming?'."
    ]
    assert "Ann Lee" in errors["easy_read_summary"][0]
    assert "Priya Shah" not in str(errors)


def test_minutes_may_name_roles_organisations_and_officers(meeting, answers):
    officer_in("Editors", first_name="Jo", last_name="Bloggs")
    meeting.minutes = "<p>A board member asked about buses. Jo Bloggs, an officer, replied.</p>"

    meeting.full_clean()


def test_members_only_minutes_may_name_members(meeting, answers):
    meeting.audience = "members"
    meeting.minutes = "<p>Tom Okafor asked about buses.</p>"

    meeting.full_clean()


def test_a_member_agrees_to_be_named_when_answering(client, meeting):
    member = member_named("Rosa", "Diaz")
    client.force_login(member)

    client.post(f"{meeting.url}coming/", {"answer": "in_person", "may_be_named": "on"})

    assert RSVP.objects.get(member=member).may_be_named
    meeting.minutes = "<p>Rosa Diaz opened the meeting.</p>"
    meeting.full_clean()


@pytest.mark.parametrize("kind", ["venue", "partner"])
def test_a_venue_or_partner_in_use_cannot_be_deleted_and_says_why(client, meeting, kind):
    partner = PartnerFactory()
    ActionFactory(meeting=meeting, owner=partner)
    used = {"venue": meeting.venue, "partner": partner}[kind]
    client.force_login(officer_in("Meeting organisers"))
    address = f"/admin/snippets/meetings/{kind}/delete/{used.pk}/"

    asked = client.get(address).content.decode()
    refused = client.post(address)

    assert f"This {kind} is referenced 1 time." in asked
    assert f"One or more references to this {kind} prevent it from being deleted." in asked
    assert refused.status_code in (302, 403)
    assert type(used).objects.filter(pk=used.pk).exists()


@pytest.mark.parametrize("kind", ["venue", "partner"])
def test_a_venue_or_partner_nothing_uses_can_be_deleted(client, kind):
    unused = {"venue": VenueFactory, "partner": PartnerFactory}[kind]()
    client.force_login(officer_in("Meeting organisers"))

    client.post(f"/admin/snippets/meetings/{kind}/delete/{unused.pk}/")

    assert not type(unused).objects.filter(pk=unused.pk).exists()
