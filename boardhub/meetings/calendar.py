"""Meetings as iCalendar (RFC 5545): one meeting's `.ics` file, and the index's feed.

Times are written in UTC ("...Z"), which Outlook, Google Calendar and Apple Calendar all read
and show in the reader's own time zone, so no VTIMEZONE is needed. Lines end in CRLF and are
folded at 75 octets; text values are escaped. An event never carries the joining link or
anyone's name: the feed and the files are public.
"""

from datetime import UTC

from django.utils import timezone

PRODUCT_ID = "-//BoardHub//Board meetings//EN"
FOLD_AT = 75  # octets, CRLF not counted (RFC 5545 3.1)


def escape_text(value):
    """A TEXT value (RFC 5545 3.3.11): backslashes, semicolons, commas and new lines escaped."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """One content line folded into lines of at most 75 octets, never splitting a character."""
    encoded = line.encode()
    if len(encoded) <= FOLD_AT:
        return line
    parts, current, limit = [], b"", FOLD_AT
    for character in line:
        piece = character.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current, limit = b"", FOLD_AT - 1  # continuation lines start with a space
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def utc_stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(meeting, base_url, now):
    location = ""
    if meeting.in_person and meeting.venue is not None:
        venue = meeting.venue
        location = ", ".join(
            part for part in (venue.name, " ".join(venue.address.split()), venue.postcode) if part
        )
    elif meeting.online:
        location = "Online"
    url = base_url + meeting.url
    description = f"{meeting.summary}\n\nThe agenda, papers and how to get there: {url}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{base_url.split('//', 1)[-1]}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART:{utc_stamp(meeting.starts_at)}",
        f"DTEND:{utc_stamp(meeting.ends_at)}",
        f"SUMMARY:{escape_text(meeting.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"URL:{url}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings, base_url, name, now=None):
    """The iCalendar text of `meetings` (each a live MeetingPage with its venue selected)."""
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for meeting in meetings:
        lines.extend(event_lines(meeting, base_url, now))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
