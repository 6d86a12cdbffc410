"""Drop-in sessions: open one, record several responses from it one after another (each kept
separate), and see how many people it heard from."""

import datetime
import html
import re

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from boardhub.consultations.models import Channel, Feedback
from boardhub.feedback import recording
from boardhub.feedback.models import DropInSession, OfflineRecord, SafeguardingFlag
from tests.feedback.recording_helpers import drop_in, record_url, recorded, valid_post

pytestmark = pytest.mark.django_db


def text(response):
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
    return re.sub(r" ([:.,])", r"\1", words)


def session_url(session):
    return f"/admin/feedback/sessions/{session.pk}/"


def test_an_officer_opens_a_session(client, handler):
    client.force_login(handler)

    response = client.post(
        "/admin/feedback/sessions/open/",
        {"title": "Digital drop-in", "place": "Brookside community hub", "held_on": "2026-11-27"},
    )

    session = DropInSession.objects.get()
    assert response.status_code == 302
    assert response.url == session_url(session)
    assert session.opened_by == handler
    assert session.held_on == datetime.date(2026, 11, 27)
    assert ModelLogEntry.objects.get(action=recording.SESSION_OPENED).user == handler


def test_opening_a_session_without_its_details_says_what_to_give(client, handler):
    client.force_login(handler)

    response = client.post(
        "/admin/feedback/sessions/open/", {"title": "", "place": "Brookside", "held_on": "soon"}
    )

    page = text(response)
    assert response.status_code == 400
    assert "Enter what the session was, like Digital drop-in" in page
    assert "Enter the date of the session as a real date" in page
    assert 'value="Brookside"' in response.content.decode()
    assert not DropInSession.objects.exists()


def test_the_list_of_sessions_says_how_many_each_heard_from(client, handler, consultation):
    busy = drop_in(title="Digital drop-in")
    drop_in(title="Coffee morning", held_on=timezone.localdate() - datetime.timedelta(days=7))
    for __ in range(3):
        recorded(consultation, "drop_in", busy)
    client.force_login(handler)

    page = text(client.get("/admin/feedback/sessions/"))

    assert "Digital drop-in Brookside community hub" in page
    assert re.search(r"Digital drop-in Brookside community hub \d+ \w+ \d{4} 3", page)
    assert re.search(r"Coffee morning Brookside community hub \d+ \w+ \d{4} 0", page)
    assert "Open a session" in page


def test_recording_from_a_session_fills_in_the_channel_date_and_place(
    client, handler, consultation
):
    session = drop_in(held_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(handler)

    chosen = client.get("/admin/feedback/record/", {"to": consultation.pk, "session": session.pk})
    form = client.get(chosen.url).content.decode()

    assert chosen.url == record_url(consultation, session)
    assert re.search(r'value="drop_in"[^>]*checked', form)
    assert f'value="{session.held_on.isoformat()}"' in form
    assert 'value="Brookside community hub"' in form
    assert f'<option value="{session.pk}" selected>' in form


def test_two_people_at_a_session_are_two_responses_and_the_session_counts_both(
    client, handler, consultation
):
    session = drop_in()
    client.force_login(handler)
    from_session = {
        "record-channel": "drop_in",
        "record-session": str(session.pk),
        "record-gathered_on": session.held_on.isoformat(),
    }

    first = client.post(
        record_url(consultation, session),
        valid_post(
            **from_session,
            **{
                "record-supporter_role": "advocate",
                "record-supporter_organisation": "Larkfield Advocacy",
            },
        ),
    )
    done = client.get(first.url)
    second = client.post(
        record_url(consultation, session),
        valid_post(**from_session, **{"record-who": "anonymous", "record-name": ""}),
    )

    assert Feedback.objects.filter(channel=Channel.DROP_IN).count() == 2
    assert OfflineRecord.objects.filter(session=session).count() == 2
    assert first.url != second.url
    done_page = done.content.decode()
    main_button = re.search(r'<a class="button" href="([^"]+)">([^<]+)</a>', done_page)
    assert main_button.group(2) == "Record another from this session"
    assert main_button.group(1) == f"/admin/feedback/record/?session={session.pk}"
    assert "recorded" in text(done)

    page = text(client.get(session_url(session)))
    assert "Heard from 2 people." in page
    for feedback in Feedback.objects.all():
        assert feedback.reference in page
    assert "advocate, Larkfield Advocacy" in page


def test_the_session_page_links_each_response_and_hides_flagged_ones_from_handlers(
    client, handler, consultation
):
    session = drop_in()
    shown = recorded(consultation, "drop_in", session)
    flagged = recorded(consultation, "drop_in", session)
    SafeguardingFlag.objects.create(feedback=flagged, reason="At risk")
    client.force_login(handler)

    response = client.get(session_url(session))
    page = response.content.decode()

    assert f'href="/admin/feedback/inspect/{shown.pk}/"' in page
    assert flagged.reference not in page
    assert "Heard from 2 people." in text(response)
    assert "1 of them is flagged for safeguarding" in text(response)


def test_the_session_page_keeps_its_query_count(
    client, handler, consultation, django_assert_max_num_queries
):
    session = drop_in()
    recorded(consultation, "drop_in", session, by=handler)
    client.force_login(handler)
    client.get(session_url(session))
    with django_assert_max_num_queries(30) as few:
        client.get(session_url(session))
    for __ in range(20):
        recorded(consultation, "drop_in", session, by=handler)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(session_url(session))

    assert "Heard from 21 people." in text(response)


def test_the_list_of_sessions_keeps_its_query_count(
    client, handler, consultation, django_assert_max_num_queries
):
    drop_in()
    client.force_login(handler)
    client.get("/admin/feedback/sessions/")
    with django_assert_max_num_queries(30) as few:
        client.get("/admin/feedback/sessions/")
    for number in range(10):
        recorded(consultation, "drop_in", drop_in(title=f"Session {number}"))

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/admin/feedback/sessions/")


def test_officers_outside_the_feedback_groups_cannot_see_sessions(client, editor):
    session = drop_in()
    client.force_login(editor)

    assert client.get("/admin/feedback/sessions/").status_code == 403
    assert client.get(session_url(session)).status_code == 403
    response = client.post(
        "/admin/feedback/sessions/open/",
        {"title": "Mine", "place": "Here", "held_on": "2026-11-27"},
    )
    assert response.status_code == 403
    assert DropInSession.objects.count() == 1


def test_the_menu_leads_handlers_to_recording_and_sessions_and_not_editors(client, handler, editor):
    client.force_login(handler)
    handlers_menu = client.get("/admin/").content.decode()
    client.force_login(editor)
    editors_menu = client.get("/admin/").content.decode()

    for address in ("/admin/feedback/record/", "/admin/feedback/sessions/"):
        assert address in handlers_menu
        assert address not in editors_menu
    assert "Record a response" in handlers_menu and "Drop-in sessions" in handlers_menu
