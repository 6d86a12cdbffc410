"""Each meeting's .ics file and the index's calendar feed are valid iCalendar (RFC 5545):
CRLF line ends, lines folded at 75 octets, text escaped, one VEVENT per meeting with a unique
UID and UTC times, and nothing private: no joining link, no members-only meeting."""

from datetime import UTC, timedelta

import pytest

from boardhub.demo.factories import MeetingPageFactory
from boardhub.meetings.calendar import escape_text, fold

pytestmark = pytest.mark.django_db

JOINING_LINK = "https://meet.example.org/secret-room"


def unfolded(text):
    """Content lines, with folded lines joined again (RFC 5545 3.1)."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF, none in a bare LF
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def events(lines):
    found, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, __, value = line.partition(":")
            current[name] = value
    return found


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "DESCRIPTION:" + "Café à la carte \N{EN DASH} " * 20
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode()) <= 75
    assert folded.replace("\r\n ", "") == line


def test_text_is_escaped():
    assert escape_text("Tea, coffee; and\nbiscuits \\ cake") == (
        "Tea\\, coffee\\; and\\nbiscuits \\\\ cake"
    )


def test_a_meetings_ics_file_has_one_event_with_its_times_in_utc(client, meeting):
    meeting.title = "Transport, buses; and taxis"
    meeting.joining_link = JOINING_LINK
    meeting.attendance_mode = "both"
    meeting.save_revision().publish()

    response = client.get(meeting.url + "meeting.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = unfolded(response.content.decode())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    [event] = events(lines)
    assert event["SUMMARY"] == "Transport\\, buses\\; and taxis"
    assert event["DTSTART"] == meeting.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert event["DTEND"] == meeting.ends_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert "Community hub" in event["LOCATION"]
    assert JOINING_LINK not in response.content.decode()


def test_the_feed_has_every_public_meeting_and_no_members_only_one(client, meetings_index, meeting):
    other = MeetingPageFactory(
        parent=meetings_index,
        title="Last spring's meeting",
        starts_at=meeting.starts_at - timedelta(days=90),
    )
    MeetingPageFactory(parent=meetings_index, title="Members planning", audience="members")

    response = client.get(meetings_index.url + "calendar.ics")

    assert response.status_code == 200
    found = events(unfolded(response.content.decode()))
    assert [event["SUMMARY"] for event in found] == [other.title, meeting.title]
    assert len({event["UID"] for event in found}) == 2
    lines = unfolded(response.content.decode())
    begun = [line[6:] for line in lines if line.startswith("BEGIN:")]
    ended = [line[4:] for line in lines if line.startswith("END:")]
    assert begun == ["VCALENDAR", "VEVENT", "VEVENT"] and sorted(ended) == sorted(begun)
