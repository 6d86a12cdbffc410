"""Every `<time datetime>` value is one HTML accepts: a date, or a date and time with at most
three digits after the seconds and a time-zone offset. Django's `|date:"c"` wrote six
(microseconds), which outside checkers flagged."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from boardhub.consultations.models import FeedbackStatus
from boardhub.core.templatetags.time_tags import html_datetime
from boardhub.demo.factories import (
    ConsultationPageFactory,
    FeedbackFactory,
    UserFactory,
)
from boardhub.feedback import handling

pytestmark = pytest.mark.django_db

# HTML's valid date string, or valid global date and time string.
VALID = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2}))?"
)
TIME_VALUES = re.compile(r'<time datetime="([^"]*)"')


def time_values(response):
    assert response.status_code == 200
    return TIME_VALUES.findall(response.content.decode())


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (
            datetime.datetime(2026, 12, 1, 9, 0, 5, 123456, tzinfo=datetime.UTC),
            "2026-12-01T09:00:05+00:00",
        ),
        # Stored in UTC, written in UK summer time with its offset
        (
            datetime.datetime(2026, 7, 1, 8, 0, 0, 999999, tzinfo=datetime.UTC),
            "2026-07-01T09:00:00+01:00",
        ),
        (
            datetime.datetime(2026, 7, 1, 9, 30, tzinfo=ZoneInfo("Europe/London")),
            "2026-07-01T09:30:00+01:00",
        ),
        (datetime.date(2026, 12, 3), "2026-12-03"),
        (None, ""),
    ],
)
def test_the_filter_writes_whole_seconds_and_the_offset(value, written):
    assert html_datetime(value) == written
    assert not written or VALID.fullmatch(written)


def test_consultation_pages_and_the_home_page_have_valid_time_values(client, home, index):
    now = timezone.now().replace(microsecond=654321)
    consultation = ConsultationPageFactory(
        parent=index,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=3),
    )
    ConsultationPageFactory(
        parent=index,
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=2),
    )

    found = []
    for url in (home.url, index.url, consultation.url):
        found += time_values(client.get(url))

    assert len(found) >= 5  # the home page, the listing (open and closed) and the page's facts
    assert [value for value in found if not VALID.fullmatch(value)] == []
    assert html_datetime(consultation.closes_at) in found


def test_a_members_feedback_pages_have_valid_time_values(client, index):
    member = UserFactory(verified=True)
    consultation = ConsultationPageFactory(parent=index)
    feedback = FeedbackFactory(page=consultation, member=member)
    handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, UserFactory(), note="Thanks.")
    client.force_login(member)

    found = time_values(client.get("/account/feedback/"))
    found += time_values(client.get(f"/account/feedback/{feedback.reference}/"))

    assert len(found) >= 4
    assert [value for value in found if not VALID.fullmatch(value)] == []
