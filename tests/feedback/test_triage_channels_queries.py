"""The triage listing filtered by channel makes as many queries for 50 responses from every
channel as for 5: recorded ones (with how they were gathered, their drop-in session and whom
to reply to) and "Tell us" ones are read in bulk, never one query per row. The benchmark
counts the same listing's queries at 50,000 (tests/performance/bench.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from boardhub.consultations.models import Channel, Feedback
from boardhub.demo.factories import ServiceFactory, TellUsPageFactory, UserFactory
from boardhub.demo.mixed_responses import add_sessions, channel_for, make_responses
from boardhub.feedback.models import DropInSession, TellUsPage
from home.models import HomePage

pytestmark = pytest.mark.django_db

LIST = "/admin/feedback/"
FILTER = Channel.DROP_IN


def numbers_for(count):
    """`count` responses' numbers: half of them heard at drop-in sessions (the filter's
    channel), the rest from the other channels in turn."""
    wanted = count // 2 + 1
    drop_in = [n for n in range(100 * count) if channel_for(n) == FILTER][:wanted]
    others = [n for n in range(100 * count) if channel_for(n) != FILTER][: count - wanted]
    return drop_in + others


@pytest.fixture
def made(consultation, handler):
    tell_us = TellUsPage.objects.first() or TellUsPageFactory(parent=HomePage.objects.get())
    services = [ServiceFactory(), ServiceFactory()]
    members = [UserFactory().pk for __ in range(3)]
    add_sessions(3, timezone.localdate(), opened_by=handler)

    def make(count):
        Feedback.objects.all().delete()
        return make_responses(
            numbers_for(count),
            [consultation],
            now=timezone.now(),
            tell_us=tell_us,
            services=services,
            sessions=DropInSession.objects.order_by("pk"),
            officer=handler,
            member_for=lambda n: members[n % 3] if n % 3 == 2 else None,
        )

    return make


def listed(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"channel": FILTER})
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_the_channel_filtered_listing_makes_as_many_queries_for_50_as_for_5(
    client, handler, made, django_assert_max_num_queries
):
    client.force_login(handler)
    client.get(LIST)  # the first request fills the per-process caches

    few_rows = made(5)
    few_html, few = listed(client)
    many_rows = made(50)
    with django_assert_max_num_queries(few):
        many_html, many = listed(client)

    assert many == few
    # Only the drop-in ones are listed: all of the few, a full page of the many.
    few_shown = {row.reference for row in few_rows if row.reference in few_html}
    assert few_shown == {row.reference for row in few_rows if row.channel == FILTER}
    many_shown = {row.reference for row in many_rows if row.reference in many_html}
    assert many_shown <= {row.reference for row in many_rows if row.channel == FILTER}
    assert len(many_shown) >= 20
    # Among them: one heard at a session, a "Tell us" one, one from a member, one with
    # contact details for a reply: each of which a listing could read one row at a time.
    drop_ins = Feedback.objects.filter(channel=FILTER)
    assert drop_ins.filter(offline_record__session__isnull=False).exists()
    assert drop_ins.filter(general__isnull=False).exists()
    assert drop_ins.filter(member__isnull=False).exists()
    assert drop_ins.filter(reply_contact__isnull=False).exists()
