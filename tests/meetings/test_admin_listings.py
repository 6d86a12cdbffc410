"""Officers find meetings and actions in the admin: listings with filters and search."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from boardhub.demo.factories import ActionFactory, MeetingPageFactory, PartnerFactory
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client):
    officer = officer_in("Meeting organisers")
    client.force_login(officer)
    return officer


@pytest.fixture
def editor(client):
    """Meetings are pages: editors and moderators make them."""
    officer = officer_in("Editors")
    client.force_login(officer)
    return officer


def listed(client, address, **filters):
    response = client.get(address, filters)
    assert response.status_code == 200
    return response.content.decode()


def test_the_meetings_listing_filters_by_who_it_is_for_and_searches_titles(
    client, editor, meetings_index
):
    MeetingPageFactory(parent=meetings_index, title="Open meeting about buses")
    MeetingPageFactory(parent=meetings_index, title="Members planning day", audience="members")

    everything = listed(client, "/admin/meeting_pages/")
    members_only = listed(client, "/admin/meeting_pages/", audience="members")
    found = listed(client, "/admin/meeting_pages/", q="buses")

    assert "Open meeting about buses" in everything and "Members planning day" in everything
    assert "Members planning day" in members_only
    assert "Open meeting about buses" not in members_only
    assert "Open meeting about buses" in found and "Members planning day" not in found


def test_the_actions_listing_filters_by_owner_meeting_and_overdue(client, organiser, meeting):
    trust = PartnerFactory(name="Larkfield NHS Trust")
    council = PartnerFactory(name="Larkfield Council adult social care")
    meeting_day = timezone.localdate(meeting.starts_at)
    late = ActionFactory(
        meeting=meeting, owner=trust, promise="Fix the lift at the hub.", due_on=meeting_day
    )
    ActionFactory(meeting=meeting, owner=council, promise="Write to every carer.")
    ActionFactory(meeting=meeting, owner=council, promise="Print easy read leaflets.")

    with time_machine.travel(meeting.starts_at + timedelta(days=2)):
        overdue = listed(client, "/admin/snippets/meetings/action/", overdue="true")
    by_owner = listed(client, "/admin/snippets/meetings/action/", owner=council.pk)
    by_meeting = listed(client, "/admin/snippets/meetings/action/", meeting=meeting.pk)
    found = listed(client, "/admin/snippets/meetings/action/", q="leaflets")

    assert late.promise in overdue and "Write to every carer." not in overdue
    assert "Write to every carer." in by_owner and late.promise not in by_owner
    assert by_meeting.count("Larkfield") >= 3
    assert "Print easy read leaflets." in found and "Write to every carer." not in found


@pytest.mark.parametrize(
    "kind, factory, words",
    [("venue", "VenueFactory", "Brookside"), ("partner", "PartnerFactory", "Brookside")],
)
def test_venues_and_partners_are_found_by_name(client, organiser, kind, factory, words):
    from boardhub.demo import factories

    getattr(factories, factory)(name="Brookside community hub")
    getattr(factories, factory)(name="Larkfield library")

    found = listed(client, f"/admin/snippets/meetings/{kind}/", q=words)

    assert "Brookside community hub" in found and "Larkfield library" not in found


def test_an_action_added_from_a_meeting_starts_with_that_meeting(client, organiser, meeting):
    from tests.meetings.conftest import hold

    hold(meeting)
    who_is_coming = listed(client, f"/admin/who-is-coming/{meeting.pk}/")
    assert f"/admin/snippets/meetings/action/add/?meeting={meeting.pk}" in who_is_coming

    form = client.get(f"/admin/snippets/meetings/action/add/?meeting={meeting.pk}")

    assert form.context["form"].initial["meeting"] == meeting.pk
    assert client.get("/admin/snippets/meetings/action/add/?meeting=nope").status_code == 200
