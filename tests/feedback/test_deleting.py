"""Deleting a response: only feedback deleters (and superusers), only with a reason, after a
page that says what will be lost, never while a published change counts it, always in the
audit log, and all or nothing; and never by deleting the consultation it answers."""

import json

import pytest
from django.db.models.signals import pre_delete
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from boardhub.consultations.models import ConsultationPage, Feedback
from boardhub.demo.factories import (
    ChangeFeedbackLinkFactory,
    ChangeRecordFactory,
    SafeguardingFlagFactory,
    ThemeFactory,
)
from boardhub.feedback import deleting
from boardhub.feedback.viewsets import feedback_permission_policy
from boardhub.impact.linking import LINKED_RESPONSE_DELETED
from tests.conftest import SignedInClient
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db

ANSWER = "The carers are kind."  # the factory's answer
REASON = "They asked us to delete it, by phone on 2 December."


def delete_url(feedback):
    return f"/admin/feedback/delete/{feedback.pk}/"


def still_there(feedback):
    return Feedback.objects.filter(pk=feedback.pk).exists()


def deletions():
    return ModelLogEntry.objects.filter(action=deleting.DELETED)


@pytest.fixture
def deleter():
    return officer_in("Feedback handlers", "Feedback deleters")


# Who may


# `refused_with` is the answer to someone who may not delete: None for those who may. Readers of
# the responses are sent back to the admin's home page; someone who may not even read them gets no
# page for this response at all.
@pytest.mark.parametrize(
    "groups, refused_with",
    [
        (("Feedback handlers", "Feedback deleters"), None),
        (("Safeguarding", "Feedback deleters"), None),
        (("Feedback handlers",), 302),
        (("Safeguarding",), 302),
        (("Feedback deleters",), 403),  # deleting needs reading too
        (("Editors", "Moderators"), 404),
        (("Editors", "Moderators", "Feedback handlers"), 302),
    ],
)
def test_only_feedback_deleters_who_read_responses_may_delete(
    client, feedback, groups, refused_with
):
    client.force_login(officer_in(*groups))

    page = client.get(delete_url(feedback))
    sent = client.post(delete_url(feedback), {"reason": REASON})

    if refused_with is None:
        assert page.status_code == 200
        assert sent.status_code == 302
        assert not still_there(feedback)
    else:
        assert page.status_code == sent.status_code == refused_with
        if refused_with == 302:
            assert page["Location"] == sent["Location"] == "/admin/"
        assert still_there(feedback)
        assert not deletions().exists()


def test_a_superuser_may_delete(client, feedback):
    client.force_login(officer_in(is_superuser=True))

    client.post(delete_url(feedback), {"reason": REASON})

    assert not still_there(feedback)


def test_wagtail_is_told_the_same_people_may_delete():
    """The permission policy Wagtail asks (menus, buttons, notifications) agrees with the
    views."""
    deleter = officer_in("Feedback handlers", "Feedback deleters")
    handler = officer_in("Feedback handlers")
    officer_in("Feedback deleters")  # may not read responses, so may not delete them
    officer_in("Editors", "Moderators")
    superuser = officer_in(is_superuser=True)

    assert set(feedback_permission_policy.users_with_permission("delete")) == {deleter, superuser}
    assert set(feedback_permission_policy.users_with_any_permission(["view", "delete"])) == {
        deleter,
        handler,
        superuser,
    }


def test_a_deleter_cannot_reach_a_flagged_response_without_safeguarding(client, deleter, feedback):
    SafeguardingFlagFactory(feedback=feedback)
    client.force_login(deleter)

    assert client.post(delete_url(feedback), {"reason": REASON}).status_code == 404
    assert still_there(feedback)


def test_the_response_page_offers_delete_only_to_deleters(client, deleter, handler, feedback):
    inspect = f"/admin/feedback/inspect/{feedback.pk}/"

    client.force_login(handler)
    assert delete_url(feedback) not in client.get(inspect).content.decode()
    client.force_login(deleter)
    assert delete_url(feedback) in client.get(inspect).content.decode()


# The page that asks


def test_a_get_never_deletes_and_says_what_will_be_lost(client, deleter, feedback):
    feedback.theme_links.create(theme=ThemeFactory(name="Money"))
    feedback.internal_notes.create(author=deleter, text="Call them back.")
    client.force_login(deleter)

    response = client.get(delete_url(feedback))

    content = response.content.decode()
    assert still_there(feedback)
    assert not deletions().exists()
    assert "You cannot undo this." in content
    assert "the answers to “Care at home”" in content
    assert "1 theme" in content
    assert "1 internal note" in content
    assert "Why are you deleting this response?" in content


def test_a_reason_is_needed(client, deleter, feedback):
    client.force_login(deleter)

    for blank in ({}, {"reason": ""}, {"reason": "   \n "}):
        response = client.post(delete_url(feedback), blank)

        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
        assert "Write why you are deleting this response" in response.content.decode()
    assert still_there(feedback)
    assert not deletions().exists()


def test_a_post_without_the_csrf_token_deletes_nothing(deleter, feedback):
    client = SignedInClient(enforce_csrf_checks=True)
    client.force_login(deleter)

    response = client.post(delete_url(feedback), {"reason": REASON})

    assert response.status_code == 403
    assert still_there(feedback)


# Linked to a change


def test_it_is_refused_while_a_published_change_counts_the_response(client, deleter, feedback):
    change = ChangeRecordFactory(title="Evening home care visits", live=True)
    ChangeFeedbackLinkFactory(change=change, feedback=feedback)
    client.force_login(deleter)

    page = client.get(delete_url(feedback)).content.decode()
    sent = client.post(delete_url(feedback), {"reason": REASON})

    assert "You cannot delete this response yet" in page
    assert "Unlink it from the change first" in page
    assert "“Evening home care visits”" in page
    assert 'name="reason"' not in page
    assert sent.status_code == 200
    assert "“Evening home care visits”" in sent.content.decode()
    assert still_there(feedback)
    assert not deletions().exists()


def test_the_refusal_is_checked_again_when_the_deletion_is_sent(client, deleter, feedback):
    """A link made after the officer opened the page still stops the deletion."""
    client.force_login(deleter)
    assert 'name="reason"' in client.get(delete_url(feedback)).content.decode()
    ChangeFeedbackLinkFactory(change=ChangeRecordFactory(title="New change"), feedback=feedback)

    response = client.post(delete_url(feedback), {"reason": REASON})

    assert "Unlink it from the change first" in response.content.decode()
    assert still_there(feedback)


def test_a_response_linked_to_a_draft_change_is_deleted_and_the_change_says_so(
    client, deleter, feedback
):
    draft = ChangeRecordFactory(title="Carers who speak your language", live=False)
    ChangeFeedbackLinkFactory(change=draft, feedback=feedback)
    client.force_login(deleter)

    page = client.get(delete_url(feedback)).content.decode()
    client.post(delete_url(feedback), {"reason": REASON})

    assert "It is linked to a change that is not published" in page
    assert "“Carers who speak your language”" in page
    assert not still_there(feedback)
    on_the_change = ModelLogEntry.objects.get(
        object_id=str(draft.pk), action=LINKED_RESPONSE_DELETED
    )
    assert on_the_change.user == deleter
    assert on_the_change.data == {"feedback": feedback.reference}
    assert on_the_change.uuid == deletions().get().uuid


# The audit log


def test_the_audit_log_has_who_and_why_and_none_of_the_answers(client, deleter, feedback):
    client.force_login(deleter)

    response = client.post(delete_url(feedback), {"reason": REASON}, follow=True)

    entry = deletions().get()
    assert (entry.object_id, entry.user, entry.label) == (
        str(feedback.pk),
        deleter,
        feedback.reference,
    )
    assert entry.data["reason"] == REASON
    assert ANSWER not in json.dumps(entry.data) + entry.label
    shown = log_registry.get_formatter(entry).format_message(entry)
    assert shown == f"Response deleted. Reason: {REASON}"  # as the history pages show it
    assert f"Response {feedback.reference} is deleted." in response.content.decode()


def test_a_failure_part_way_deletes_nothing_and_logs_nothing(deleter, feedback):
    def refuse(sender, instance, **kwargs):
        raise RuntimeError("the database went away")

    pre_delete.connect(refuse, sender=Feedback)
    try:
        with pytest.raises(RuntimeError):
            deleting.delete_response(feedback, REASON, deleter)
    finally:
        pre_delete.disconnect(refuse, sender=Feedback)

    assert still_there(feedback)
    assert not deletions().exists()


# Not by deleting the consultation


@pytest.fixture
def moderator():
    return officer_in("Editors", "Moderators")


def test_a_consultation_with_responses_cannot_be_deleted(client, moderator, feedback):
    consultation = feedback.page
    superuser = officer_in(is_superuser=True)

    # Itself, or a page above it (which only a superuser may delete).
    for officer, page in ((moderator, consultation), (superuser, consultation.get_parent())):
        client.force_login(officer)
        page_url = f"/admin/pages/{page.pk}/delete/"
        asked = client.get(page_url)
        sent = client.post(page_url)

        assert "People's answers would be deleted with it." in asked.content.decode()
        assert sent.status_code == 409
        assert "Care at home</a>: 1 response" in sent.content.decode()
    client.force_login(moderator)
    bulk = client.post(f"/admin/bulk/wagtailcore/page/delete/?id={consultation.pk}")
    assert bulk.status_code == 409
    assert still_there(feedback)
    assert ConsultationPage.objects.filter(pk=consultation.pk).exists()


def test_a_consultation_without_responses_can_be_deleted(client, moderator, consultation):
    client.force_login(moderator)

    client.post(f"/admin/pages/{consultation.pk}/delete/")

    assert not ConsultationPage.objects.filter(pk=consultation.pk).exists()
