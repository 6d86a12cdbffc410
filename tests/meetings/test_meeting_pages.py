"""The meetings index and a meeting's page, for the public and for members."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from boardhub.demo.factories import ActionFactory, MeetingPageFactory, UserFactory, VenueFactory
from boardhub.meetings.models import RSVP, Guest, MeetingPage
from tests.meetings.conftest import hold

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode()


def test_the_index_shows_upcoming_meetings_first_then_past_ones_by_year(client, meetings_index):
    now = timezone.now()
    soon = MeetingPageFactory(
        parent=meetings_index, title="Soon", starts_at=now + timedelta(days=3)
    )
    later = MeetingPageFactory(
        parent=meetings_index, title="Later", starts_at=now + timedelta(days=30)
    )
    last_year = now.replace(year=now.year - 1)
    past = MeetingPageFactory(parent=meetings_index, title="Long ago", starts_at=last_year)

    page = text_of(client.get(meetings_index.url))

    assert page.index("Coming up") < page.index("Soon") < page.index("Later")
    assert (
        page.index("Later")
        < page.index(f"Past meetings in {last_year.year}")
        < page.index(past.title)
    )
    assert soon.title in page and later.title in page


def test_past_meetings_are_listed_a_year_at_a_time(client, meetings_index):
    now = timezone.now()
    last_year, years_ago = now.replace(year=now.year - 1), now.replace(year=now.year - 3)
    MeetingPageFactory(parent=meetings_index, title="Meeting last year", starts_at=last_year)
    MeetingPageFactory(parent=meetings_index, title="An old meeting", starts_at=years_ago)

    latest = text_of(client.get(meetings_index.url))
    older = text_of(client.get(meetings_index.url, {"year": years_ago.year}))
    unknown = text_of(client.get(meetings_index.url, {"year": "1066"}))

    assert "Meeting last year" in latest and "An old meeting" not in latest
    assert f'?year={years_ago.year}#past">Past meetings in {years_ago.year}</a>' in latest
    assert "An old meeting" in older and "Meeting last year" not in older
    assert f'?year={last_year.year}#past">Past meetings in {last_year.year}</a>' in older
    assert "Meeting last year" in unknown


def test_members_only_meetings_are_hidden_from_the_public(client, meetings_index):
    members = MeetingPageFactory(
        parent=meetings_index, title="Members planning", audience="members"
    )

    assert members.title not in text_of(client.get(meetings_index.url))
    response = client.get(members.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    client.force_login(UserFactory())
    assert members.title in text_of(client.get(meetings_index.url))
    assert client.get(members.url).status_code == 200


def test_a_meeting_page_says_the_venues_facts_in_words(client, meeting):
    page = text_of(client.get(meeting.url))

    assert "There is a step-free way in." in page
    assert "There is no hearing loop." in page
    assert "Is there a quiet room to take a break in? Ask us before the meeting." in page
    assert "Bus 14 stops outside." in page


def test_the_joining_link_is_never_on_the_public_page(client, meeting):
    meeting.attendance_mode = "both"
    meeting.joining_link = "https://meet.example.org/secret-room"
    meeting.save_revision().publish()

    assert "secret-room" not in text_of(client.get(meeting.url))


def test_a_meeting_must_end_after_it_starts(meetings_index):
    venue = VenueFactory()
    starts = timezone.now() + timedelta(days=5)
    meeting = MeetingPage(
        title="Backwards",
        slug="backwards",
        summary="x",
        chair="The chair",
        starts_at=starts,
        ends_at=starts - timedelta(hours=1),
        attendance_mode="in_person",
        venue=venue,
    )

    with pytest.raises(ValidationError) as error:
        meeting.full_clean()

    assert "The meeting must end after it starts." in str(error.value)


def test_an_online_meeting_needs_its_link_and_an_in_person_one_its_venue(meetings_index):
    starts = timezone.now() + timedelta(days=5)
    meeting = MeetingPage(
        title="Nowhere",
        slug="nowhere",
        summary="x",
        chair="The chair",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        attendance_mode="both",
    )

    with pytest.raises(ValidationError) as error:
        meeting.full_clean()

    assert "Choose where the meeting is held" in str(error.value)
    assert "Give the link to join online" in str(error.value)


def test_the_pages_stay_within_their_query_budget(
    client, meetings_index, meeting, django_assert_max_num_queries
):
    for number in range(5):
        MeetingPageFactory(
            parent=meetings_index, starts_at=meeting.starts_at + timedelta(days=number)
        )
    client.get(meetings_index.url)  # the site's settings made and cached once
    with django_assert_max_num_queries(12):
        assert client.get(meetings_index.url).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(meeting.url).status_code == 200


def test_a_past_meetings_page_queries_the_same_however_many_came(client, meeting):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hold(meeting)

    def queries_after(members, guests):
        for number in range(members):
            RSVP.objects.create(
                meeting=meeting,
                member=UserFactory(),
                answer="in_person",
                attended=True,
                may_be_named=number % 2 == 0,
            )
            ActionFactory(meeting=meeting)
        for number in range(guests):
            Guest.objects.create(meeting=meeting, organisation=f"Care provider {number}")
        for __ in range(2):  # the menus and settings cached, as in a long-running worker
            client.get(meeting.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(meeting.url).status_code == 200
        return len(queries)

    fewer = queries_after(members=2, guests=1)
    more = queries_after(members=10, guests=5)

    assert more == fewer <= 16
