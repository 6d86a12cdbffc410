"""The same consultation answered twice: a member who has sent answers is told so, with the
date and their reference, and a link to them; they can send more only where the
consultation allows it. Nobody can tell for someone who is not signed in."""

import re

import pytest
from django.urls import reverse

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import ConsultationPageFactory, UserFactory
from tests.consultations.conftest import check_answers, idempotency_key, send_answers

pytestmark = pytest.mark.django_db

ANSWERS = {"what_works_well_for_you": "The carers are kind.", "the_service_is_easy_to_use": "4"}


def reference_in(content):
    return re.search(r"BH-\d{4}-\d{6}", content).group(0)


def member_who_answered(client, page):
    member = UserFactory()
    client.force_login(member)
    sent = send_answers(client, page, ANSWERS)
    assert sent.status_code == 200
    return member, Feedback.objects.get(member=member)


def test_a_member_who_answered_is_told_when_with_their_reference_and_a_link(client, index):
    page = ConsultationPageFactory(parent=index, audience="members")
    _, feedback = member_who_answered(client, page)

    response = client.get(page.url)
    content = response.content.decode()

    assert response.status_code == 200
    assert "You have already answered this consultation" in content
    assert f"You sent your answers on {feedback.submit_time:%-d %B %Y}." in content
    assert feedback.reference in content
    assert reverse("members:feedback_detail", args=[feedback.reference]) in content
    assert 'name="action" value="continue"' not in content  # no form to answer again
    assert "no-cache" in response["Cache-Control"]


def test_answering_again_is_refused_kindly_when_only_one_answer_is_taken(client, index):
    page = ConsultationPageFactory(parent=index, audience="members")
    member_who_answered(client, page)

    posted = client.post(page.url, {**ANSWERS, "action": "continue"})
    checking = client.get(page.url + "check-your-answers/")

    for response in (posted, checking):
        assert response.status_code == 403
        assert "You have already answered this consultation" in response.content.decode()
    assert Feedback.objects.count() == 1


def test_a_new_key_cannot_send_a_second_response_when_only_one_is_taken(client, index):
    page = ConsultationPageFactory(
        parent=index, audience="members", allow_more_than_one_answer=True
    )
    member_who_answered(client, page)
    check_answers(client, page, ANSWERS)  # waiting with a new key while it was allowed
    key = idempotency_key(client, page)
    page.allow_more_than_one_answer = False
    page.save_revision().publish()

    response = client.post(page.url + "check-your-answers/", {"idempotency_key": key})

    assert response.status_code == 403
    assert "You can only answer this consultation once" in response.content.decode()
    assert Feedback.objects.count() == 1


def test_sending_the_same_answers_again_shows_the_same_confirmation(client, index):
    page = ConsultationPageFactory(parent=index, audience="members")
    member = UserFactory()
    client.force_login(member)
    check_answers(client, page, ANSWERS)
    key = idempotency_key(client, page)
    first = client.post(page.url + "check-your-answers/", {"idempotency_key": key})

    replayed = client.post(page.url + "check-your-answers/", {"idempotency_key": key})

    assert replayed.status_code == 200
    assert reference_in(replayed.content.decode()) == reference_in(first.content.decode())
    assert Feedback.objects.count() == 1


def test_a_member_may_send_more_answers_where_the_consultation_allows_it(client, index):
    page = ConsultationPageFactory(
        parent=index, audience="members", allow_more_than_one_answer=True
    )
    member, feedback = member_who_answered(client, page)

    form = client.get(page.url).content.decode()
    again = send_answers(client, page, ANSWERS)

    assert feedback.reference in form
    assert "You can send more answers below" in form
    assert 'name="action" value="continue"' in form
    assert again.status_code == 200
    assert Feedback.objects.filter(member=member).count() == 2


def test_only_one_answer_each_is_the_default():
    from boardhub.consultations.models import ConsultationPage

    assert ConsultationPage._meta.get_field("allow_more_than_one_answer").default is False


def test_the_public_form_says_nothing_about_anyone_else(client, index):
    page = ConsultationPageFactory(parent=index, audience="everyone")
    member_who_answered(client, page)
    client.logout()

    response = client.get(page.url)
    content = response.content.decode()

    assert response.status_code == 200
    assert "already answered" not in content
    assert 'name="action" value="continue"' in content
    assert send_answers(client, page, ANSWERS).status_code == 200
    assert Feedback.objects.count() == 2


def test_the_confirmation_links_a_member_to_their_feedback(client, index):
    page = ConsultationPageFactory(parent=index, audience="members")
    member = UserFactory()
    client.force_login(member)

    response = send_answers(client, page, ANSWERS)
    content = response.content.decode()

    assert 'class="panel"' in content
    assert reference_in(content) == Feedback.objects.get().reference
    assert reverse("members:feedback") in content
    assert "What happens next" in content
    assert "no-cache" in response["Cache-Control"]


def test_saving_a_draft_goes_to_the_confirmation_at_the_top(client, index):
    page = ConsultationPageFactory(parent=index, audience="members")
    client.force_login(UserFactory())

    response = client.post(page.url, {"what_works_well_for_you": "Half", "action": "save"})
    shown = client.get(response["Location"]).content.decode()

    assert response["Location"].endswith("#messages")
    banner = shown.index('id="messages"')
    assert shown.index('id="main-content"') < banner < shown.index('value="save"')
    assert "We have saved your answers" in shown[banner:]
