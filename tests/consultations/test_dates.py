"""Dates and times in words, the way GOV.UK writes them, in UK time."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from boardhub.consultations.templatetags.consultation_tags import friendly_datetime

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (datetime.datetime(2026, 12, 1, 9, 0, tzinfo=LONDON), "Tuesday 1 December 2026, 9am"),
        (datetime.datetime(2026, 12, 1, 17, 30, tzinfo=LONDON), "Tuesday 1 December 2026, 5:30pm"),
        (datetime.datetime(2026, 12, 1, 12, 0, tzinfo=LONDON), "Tuesday 1 December 2026, midday"),
        (
            datetime.datetime(2026, 12, 2, 0, 0, tzinfo=LONDON),
            "Wednesday 2 December 2026, midnight",
        ),
        # Stored in UTC, shown in UK summer time
        (datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC), "Wednesday 1 July 2026, 9am"),
    ],
)
def test_dates_are_written_in_words_in_uk_time(moment, words):
    assert friendly_datetime(moment) == words


def test_no_date_is_shown_as_nothing():
    assert friendly_datetime(None) == ""
