"""A response's page in the admin: who sent it, the changes it is linked to (and linking it to
another from there), and one form for its status, a theme and a note."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from boardhub.consultations.models import FeedbackStatus
from boardhub.demo.factories import (
    ChangeFeedbackLinkFactory,
    ChangeRecordFactory,
    FeedbackFactory,
    UserFactory,
)
from boardhub.feedback import handling
from boardhub.feedback.models import Theme
from boardhub.impact.models import ChangeFeedbackLink
from tests.feedback.conftest import XSS, officer_in

pytestmark = pytest.mark.django_db


def inspect_url(feedback):
    return f"/admin/feedback/inspect/{feedback.pk}/"


def text(response):
    """The page's words, tags removed (and no space left before punctuation)."""
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
    return re.sub(r" ([:.,])", r"\1", words)


@pytest.fixture
def member():
    return UserFactory(verified=True, display_name="Sam", first_name="Sam", last_name="Jones")


# Who sent it


def test_a_members_response_says_so_and_who(client, handler, consultation, member):
    feedback = FeedbackFactory(page=consultation, member=member)
    client.force_login(handler)

    page = text(client.get(inspect_url(feedback)))

    assert "Sent online by a board member, Sam Jones (signed in)." in page
    assert "They can read this." in page


def test_a_public_response_says_so_and_does_not_promise_they_can_read_the_note(
    client, handler, feedback
):
    client.force_login(handler)

    page = text(client.get(inspect_url(feedback)))

    assert "Sent online by a member of the public (not signed in)." in page
    assert "They can read this" not in page
    assert "we cannot send it to them" in page


def test_no_label_says_optional_twice(client, handler, feedback):
    client.force_login(handler)

    page = text(client.get(inspect_url(feedback)))

    assert "(optional)" in page
    assert "(optional) (optional)" not in page


# The changes it is linked to


def test_the_linked_changes_are_listed_with_where_they_have_got_to(client, handler, feedback):
    published = ChangeRecordFactory(title="Evening visits")
    draft = ChangeRecordFactory(title="Longer calls", live=False)
    ChangeFeedbackLinkFactory(change=published, feedback=feedback)
    ChangeFeedbackLinkFactory(change=draft, feedback=feedback)
    ChangeRecordFactory(title="Not this one")
    client.force_login(handler)

    response = client.get(inspect_url(feedback))
    page = text(response)

    assert "Changes it is linked to" in page
    assert "Evening visits: Agreed. Published." in page
    assert "Longer calls: Agreed. Not published yet." in page
    assert "Not this one" not in page
    assert f'href="/admin/snippets/impact/changerecord/edit/{published.pk}/"' in (
        response.content.decode()
    )


def test_a_response_with_no_change_says_so(client, handler, feedback):
    client.force_login(handler)
    assert "It is not linked to any change yet." in text(client.get(inspect_url(feedback)))


def test_a_change_title_is_shown_as_text(client, handler, feedback):
    ChangeFeedbackLinkFactory(change=ChangeRecordFactory(title=XSS), feedback=feedback)
    client.force_login(handler)

    page = client.get(inspect_url(feedback)).content.decode()

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_officer_links_it_to_a_change_from_its_page_and_comes_back(client, handler, feedback):
    change = ChangeRecordFactory(title="Evening visits")
    client.force_login(handler)

    page = client.get(inspect_url(feedback)).content.decode()
    link = html.unescape(re.search(r'href="([^"]+)"[^>]*>Link to a change<', page).group(1))
    assert parse_qs(urlsplit(link).query) == {
        "id": [str(feedback.pk)],
        "next": [inspect_url(feedback)],
    }
    assert client.get(link).status_code == 200

    response = client.post(link, {"change": change.pk, "note": ""})

    assert response.status_code == 302
    assert response["Location"] == inspect_url(feedback)
    assert ChangeFeedbackLink.objects.filter(change=change, feedback=feedback).exists()
    assert "Evening visits: Agreed. Published." in text(client.get(inspect_url(feedback)))


def test_an_officer_who_cannot_link_is_not_offered_to(client, feedback):
    """Feedback handlers may change records; an officer given only the feedback side
    reads which changes, but gets no link to a page or an action that would refuse them."""
    reader = officer_in("Feedback handlers")
    only_feedback = Group.objects.create(name="Readers only")
    only_feedback.permissions.set(
        Group.objects.get(name="Feedback handlers").permissions.exclude(
            content_type__app_label="impact"
        )
    )
    reader.groups.set([only_feedback])
    ChangeFeedbackLinkFactory(change=ChangeRecordFactory(title="Evening visits"), feedback=feedback)
    client.force_login(reader)

    response = client.get(inspect_url(feedback))
    page = response.content.decode()

    assert response.status_code == 200
    assert "Evening visits" in page
    assert "/admin/snippets/impact/changerecord/edit/" not in page
    assert ">Link to a change<" not in page


# One form: status, theme, note


def post_form(client, feedback, **data):
    fields = {
        "status": feedback.status,
        "note_to_author": "",
        "theme": "",
        "internal_note": "",
        "seen": handling.decisions_so_far(feedback),  # as the page draws it now
    }
    fields.update(data)
    return client.post(inspect_url(feedback), fields)


def test_status_theme_and_note_are_saved_together(client, handler, feedback):
    money = Theme.objects.get(name="Money")
    client.force_login(handler)

    response = post_form(
        client,
        feedback,
        status=FeedbackStatus.BEING_CONSIDERED,
        note_to_author="We are looking at it.",
        theme=money.pk,
        internal_note="Ask the finance team.",
    )

    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.BEING_CONSIDERED
    assert feedback.status_changes.get().note_to_author == "We are looking at it."
    assert [link.theme for link in feedback.theme_links.all()] == [money]
    assert feedback.internal_notes.get().text == "Ask the finance team."
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(feedback.pk)).values_list("action", flat=True)
    )
    assert {handling.STATUS_CHANGED, handling.THEME_ADDED, handling.NOTE_ADDED} <= actions
    page = text(client.get(response["Location"]))
    assert (
        "Saved: status is now “Being thought about”, theme “Money” added, internal note added."
    ) in page


def test_a_theme_alone_keeps_the_status(client, handler, feedback):
    money = Theme.objects.get(name="Money")
    client.force_login(handler)

    post_form(client, feedback, theme=money.pk)

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    assert not feedback.status_changes.exists()
    assert feedback.theme_links.count() == 1


def test_not_taken_forward_without_a_reason_keeps_what_was_typed(client, handler, feedback):
    client.force_login(handler)

    response = post_form(
        client,
        feedback,
        status=FeedbackStatus.NOT_TAKEN_FORWARD,
        internal_note="Typed by the officer, kept.",
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Write the reason it is not being taken forward" in page
    assert "Typed by the officer, kept." in page
    assert 'value="not_taken_forward" selected' in page
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    assert not feedback.internal_notes.exists()  # nothing saved: all or nothing


def test_a_form_that_changes_nothing_says_so(client, handler, feedback):
    client.force_login(handler)

    response = post_form(client, feedback)

    assert response.status_code == 200
    assert "Nothing to save" in response.content.decode()


def test_a_note_to_the_person_needs_a_new_status(client, handler, feedback):
    client.force_login(handler)

    response = post_form(client, feedback, note_to_author="Hello")

    assert response.status_code == 200
    assert "Choose a new status to send this note with" in response.content.decode()
    assert not feedback.status_changes.exists()


def test_themes_already_on_it_are_not_offered_again(client, handler, feedback):
    money = Theme.objects.get(name="Money")
    handling.add_theme(feedback, money, handler)
    client.force_login(handler)

    page = client.get(inspect_url(feedback)).content.decode()
    theme_select = re.search(r'<select name="theme".*?</select>', page, re.S).group(0)

    assert f'value="{money.pk}"' not in theme_select


def test_an_editor_cannot_post_the_form(client, editor, feedback):
    client.force_login(editor)

    response = post_form(client, feedback, status=FeedbackStatus.ACKNOWLEDGED)

    assert response.status_code in (302, 403, 404)
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED


def test_the_page_makes_as_many_queries_with_many_links_as_with_one(
    client, handler, feedback, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(handler)

    def queries_for(count):
        for __ in range(count):
            ChangeFeedbackLinkFactory(change=ChangeRecordFactory(), feedback=feedback)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(inspect_url(feedback)).status_code == 200
        return len(captured)

    few = queries_for(1)
    assert queries_for(10) <= few
