"""The action log: validation, "overdue" from the dates, the public actions page with its
filters and totals, a partner's page, the change an action led to, and the open data."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from boardhub.demo.factories import (
    ActionFactory,
    ChangeRecordFactory,
    MeetingPageFactory,
    PartnerFactory,
    UserFactory,
)
from boardhub.meetings.models import ActionUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return PartnerFactory(name="Larkfield NHS Trust", role="Director of Community Services")


def text_of(response):
    return response.content.decode()


def test_an_action_cannot_be_due_before_its_meeting(meeting, owner):
    action = ActionFactory.build(
        meeting=meeting,
        owner=owner,
        due_on=timezone.localdate(meeting.starts_at) - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "cannot be before the meeting" in str(error.value)


def test_a_dropped_action_says_why(meeting, owner):
    action = ActionFactory.build(meeting=meeting, owner=owner, status="dropped")
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "Say why it was dropped." in str(error.value)


def test_overdue_is_worked_out_from_the_dates(client, actions_page, meeting, owner):
    action = ActionFactory(meeting=meeting, owner=owner, promise="Text people the day before.")
    assert 'status-tag--red">Overdue' not in text_of(client.get(actions_page.url))

    with time_machine.travel(action.due_on + timedelta(days=1), tick=False):
        page = text_of(client.get(actions_page.url))
        partner = text_of(client.get(f"{actions_page.url}partners/{owner.slug}/"))

    assert "Text people the day before." in page
    assert 'status-tag--red">Overdue' in page
    assert "<strong>1</strong> overdue" in page
    assert 'status-tag--red">Overdue' in partner


def test_the_filters_and_the_totals(client, actions_page, meeting, owner):
    other = PartnerFactory(name="Carewell Home Care")
    ActionFactory(meeting=meeting, owner=owner, promise="Open one.")
    done = ActionFactory(meeting=meeting, owner=other, promise="Done one.", status="done")
    done.done_on = done.due_on
    done.save()

    everything = text_of(client.get(actions_page.url))
    assert (
        "<strong>1</strong> open" in everything and "<strong>1</strong> done on time" in everything
    )

    by_owner = text_of(client.get(actions_page.url, {"owner": other.slug}))
    assert "Done one." in by_owner and "Open one." not in by_owner
    by_status = text_of(client.get(actions_page.url, {"status": "open"}))
    assert "Open one." in by_status and "Done one." not in by_status


def test_only_public_meetings_actions_are_public(client, actions_page, meetings_index, owner):
    private = MeetingPageFactory(parent=meetings_index, audience="members")
    ActionFactory(meeting=private, owner=owner, promise="A members-only promise.")

    assert "A members-only promise." not in text_of(client.get(actions_page.url))


def test_a_done_action_shows_on_the_change_it_led_to(client, meeting, owner):
    change = ChangeRecordFactory(title="Texts the day before")
    action = ActionFactory(meeting=meeting, owner=owner, status="done", change=change)
    action.done_on = action.due_on
    action.save()

    from django.template import Context, Template

    html = Template("{% load meeting_tags %}{% promised_at change %}").render(
        Context({"change": change})
    )
    day = timezone.localtime(meeting.starts_at)
    assert f"the board meeting on {day.day} {day:%B %Y}" in html


def test_the_open_data_has_every_public_action_and_nobody_named(
    client, actions_page, meeting, owner
):
    member = UserFactory(first_name="Zebedee", last_name="Quartermaine")
    action = ActionFactory(meeting=meeting, owner=owner, promise="=HYPERLINK(evil)")
    ActionUpdate.objects.create(action=action, text="Started.")

    as_csv = b"".join(client.get(f"{actions_page.url}open-data/csv/").streaming_content).decode()
    as_json = b"".join(client.get(f"{actions_page.url}open-data/json/").streaming_content).decode()

    [row] = list(csv.DictReader(io.StringIO(as_csv)))
    assert row["promise"] == "'=HYPERLINK(evil)" and row["owner"] == "Larkfield NHS Trust"
    [item] = json.loads(as_json)["actions"]
    assert item["promise"] == "=HYPERLINK(evil)" and item["overdue"] is False
    for text in (as_csv, as_json):
        assert member.last_name not in text and "@" not in text


def test_the_actions_page_stays_within_its_query_budget(
    client, actions_page, meeting, django_assert_max_num_queries
):
    for __ in range(25):
        ActionFactory(meeting=meeting)
    client.get(actions_page.url)
    # 16: the page's settings and menus, the filters' choices, the totals, the actions, and
    # their progress updates in one query.
    with django_assert_max_num_queries(16):
        assert client.get(actions_page.url).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(actions_page.url, {"status": "overdue"}).status_code == 200


def queries_for(client, address):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def test_partner_pages_and_open_data_do_not_query_more_as_actions_grow(
    client, actions_page, meeting, owner
):
    addresses = [
        f"{actions_page.url}partners/{owner.slug}/",
        f"{actions_page.url}open-data/csv/",
        f"{actions_page.url}open-data/json/",
        f"{actions_page.url}?owner={owner.slug}&status=open",
    ]

    def add_actions(count):
        for __ in range(count):
            action = ActionFactory(meeting=meeting, owner=owner)
            ActionUpdate.objects.create(action=action, text="Started.")

    add_actions(3)
    queries_for(client, addresses[0])  # the site's settings made and cached once
    fewer = [queries_for(client, address) for address in addresses]
    add_actions(20)
    more = [queries_for(client, address) for address in addresses]

    assert more == fewer
    assert max(more) <= 15


def test_progress_updates_show_with_the_action_as_typed(client, actions_page, meeting, owner):
    action = ActionFactory(meeting=meeting, owner=owner, status="in_progress")
    ActionUpdate.objects.create(
        action=action, written_on=date(2026, 11, 3), text="Spoke to <b>every</b> provider."
    )
    ActionUpdate.objects.create(action=action, written_on=date(2026, 11, 20), text="Letters sent.")

    for address in (actions_page.url, f"{actions_page.url}partners/{owner.slug}/", meeting.url):
        page = text_of(client.get(address))
        assert "What has happened so far (2 updates)" in page, address
        assert "Spoke to &lt;b&gt;every&lt;/b&gt; provider." in page
        assert page.index("3 November 2026") < page.index("20 November 2026")


def test_a_partners_page_lists_its_actions_a_page_at_a_time(client, actions_page, meeting, owner):
    for number in range(25):
        ActionFactory(meeting=meeting, owner=owner, promise=f"Promise {number:02d}.")
    address = f"{actions_page.url}partners/{owner.slug}/"

    first = text_of(client.get(address))
    second = text_of(client.get(address, {"page": 2}))

    assert first.count("Promise ") == 20 and second.count("Promise ") == 5
    assert 'aria-label="Pages of results"' in first
    assert "25" in first  # the totals count them all
