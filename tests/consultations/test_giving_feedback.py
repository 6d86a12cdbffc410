"""Giving feedback: answer, check your answers, send, and see the reference; drafts to finish
later; and everything that must not go wrong on the way (double sends, database failures,
programs, floods, closed consultations and unsafe text)."""

import datetime
import re
import threading
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, OperationalError, connections

from boardhub.consultations import views
from boardhub.consultations.models import Feedback, FeedbackDraft
from boardhub.demo.factories import ConsultationPageFactory, UserFactory
from tests.consultations.conftest import XSS, check_answers, idempotency_key, send_answers

pytestmark = pytest.mark.django_db

ANSWERS = {"what_works_well_for_you": "The carers are kind.", "the_service_is_easy_to_use": "4"}
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]


def send_url(page):
    return page.url + "check-your-answers/"


def send(client, page, key, capture=None):
    if capture is None:
        return client.post(send_url(page), {"idempotency_key": key})
    with capture(execute=True):
        return client.post(send_url(page), {"idempotency_key": key})


def reference_in(content):
    return re.search(r"BH-\d{4}-\d{6}", content).group(0)


# The whole journey


def test_answers_are_checked_before_anything_is_stored(client, index):
    page = ConsultationPageFactory(parent=index)

    posted = client.post(page.url, {**ANSWERS, "action": "continue"})
    checking = client.get(posted["Location"])

    assert posted["Location"] == send_url(page)
    assert not Feedback.objects.exists()
    content = checking.content.decode()
    assert "Check your answers before you send them" in content
    assert "What works well for you?" in content
    assert "The carers are kind." in content
    assert "4 \N{EN DASH} Agree" in content
    assert content.count(">Change<") == 2
    assert f'href="{page.url}#id_what_works_well_for_you"' in content
    assert f'href="{page.url}#id_the_service_is_easy_to_use_0"' in content
    assert f'name="idempotency_key" value="{idempotency_key(client, page)}"' in content
    assert "Send my answers" in content
    assert "no-cache" in checking["Cache-Control"]


def test_someone_without_an_account_sends_answers_and_sees_a_reference(
    client, index, django_capture_on_commit_callbacks
):
    page = ConsultationPageFactory(parent=index)
    check_answers(client, page, ANSWERS)

    response = send(client, page, idempotency_key(client, page), django_capture_on_commit_callbacks)

    feedback = Feedback.objects.get()
    assert feedback.form_data == ANSWERS
    assert feedback.member is None
    content = response.content.decode()
    assert response.status_code == 200
    assert "We have your answers" in content
    assert feedback.reference in content
    assert "What happens next" in content
    assert not mail.outbox  # nobody to send a receipt to
    assert str(page.pk) not in client.session["consultation_answers"]


def test_a_member_gets_a_receipt_by_email(client, index, django_capture_on_commit_callbacks):
    member = UserFactory(email="sam@example.org", display_name="Sam")
    page = ConsultationPageFactory(parent=index, audience="members", title="Care at home")
    client.force_login(member)
    check_answers(client, page, ANSWERS)

    response = send(client, page, idempotency_key(client, page), django_capture_on_commit_callbacks)

    feedback = Feedback.objects.get()
    assert feedback.member == member
    assert "We have sent a copy of your answers to sam@example.org" in response.content.decode()
    [email] = mail.outbox
    assert email.to == ["sam@example.org"]
    assert email.subject == f"We have your answers: {feedback.reference}"
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert "Hello Sam" in body
        assert "Care at home" in body
        assert feedback.reference in body
        assert "What works well for you?" in body
        assert "The carers are kind." in body
        assert "4 \N{EN DASH} Agree" in body


def test_mistakes_are_explained_and_everything_typed_is_kept(client, index):
    page = ConsultationPageFactory(parent=index)

    response = client.post(
        page.url, {"the_service_is_easy_to_use": "4", "what_works_well_for_you": ""}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert re.search(r'name="the_service_is_easy_to_use" value="4"[^>]*checked', content)
    assert "consultation_answers" not in client.session
    assert not Feedback.objects.exists()


def test_the_change_link_goes_back_to_the_form_with_the_answers_kept(client, index):
    page = ConsultationPageFactory(parent=index)
    check_answers(client, page, ANSWERS)

    content = client.get(page.url).content.decode()

    assert "The carers are kind.</textarea>" in content
    assert re.search(r'name="the_service_is_easy_to_use" value="4"[^>]*checked', content)
    # Changing an answer and checking again keeps the same key, so sending is still once only.
    key = idempotency_key(client, page)
    checking = check_answers(client, page, {**ANSWERS, "the_service_is_easy_to_use": "5"})
    assert "5 \N{EN DASH} Strongly agree" in checking.content.decode()
    assert idempotency_key(client, page) == key


def test_the_check_page_without_answers_goes_back_to_the_form(client, index):
    page = ConsultationPageFactory(parent=index)

    response = client.get(send_url(page))

    assert response.status_code == 302
    assert response["Location"] == page.url + "#answer"


# Sending once, and only once


def test_sending_twice_stores_one_response_and_shows_the_same_reference(client, index):
    page = ConsultationPageFactory(parent=index)
    check_answers(client, page, ANSWERS)
    key = idempotency_key(client, page)

    first = send(client, page, key)
    second = send(client, page, key)  # a double click, or the form sent again

    assert Feedback.objects.count() == 1
    reference = Feedback.objects.get().reference
    assert second.status_code == 200
    assert reference_in(first.content.decode()) == reference
    assert reference_in(second.content.decode()) == reference


def test_a_key_stored_by_another_request_at_the_same_moment_finds_that_response(client, index):
    """The IntegrityError path: another request stored this key after we looked for it."""
    page = ConsultationPageFactory(parent=index)
    check_answers(client, page, ANSWERS)
    key = idempotency_key(client, page)
    other = Feedback.objects.create(page=page, form_data=ANSWERS, idempotency_key=key)
    other.set_reference()

    with mock.patch.object(views, "already_sent", return_value=None):
        response = send(client, page, key)

    assert Feedback.objects.count() == 1
    other.refresh_from_db()
    assert other.reference in response.content.decode()


def test_a_clash_on_the_key_rolls_back_only_the_attempt(index):
    page = ConsultationPageFactory(parent=index)
    stored = Feedback.objects.create(page=page, form_data=ANSWERS, idempotency_key="k" * 32)
    form = page.get_form(ANSWERS, page=page, user=None)
    assert form.is_valid()
    form.idempotency_key = "k" * 32

    feedback = page.process_form_submission(form)

    assert feedback == stored
    assert feedback.is_new is False
    assert Feedback.objects.count() == 1


# Threads need real commits, so a transactional test. Its flush at the end must not make new
# content types (serialized_rollback skips that), or the browser tests' restore would clash.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sends_at_once_with_the_same_key_store_one_response(index):
    page = ConsultationPageFactory(parent=index)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            form = page.get_form(ANSWERS, page=page, user=None)
            assert form.is_valid()
            form.idempotency_key = "same-key"
            barrier.wait()
            results.append(page.process_form_submission(form))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert Feedback.objects.count() == 1
    assert {feedback.pk for feedback in results} == {Feedback.objects.get().pk}


@pytest.mark.parametrize("failure", [OperationalError, IntegrityError])
def test_a_database_failure_saves_nothing_and_the_retry_stores_one(client, index, failure):
    member = UserFactory()
    page = ConsultationPageFactory(parent=index)
    client.force_login(member)
    check_answers(client, page, ANSWERS)
    key = idempotency_key(client, page)

    with mock.patch.object(Feedback, "set_reference", side_effect=failure("the server went away")):
        failed = send(client, page, key)

    content = failed.content.decode()
    assert failed.status_code == 503
    assert "Nothing was saved. Please try again." in content
    assert "The carers are kind." in content
    assert f'name="idempotency_key" value="{key}"' in content
    assert not Feedback.objects.exists()
    assert idempotency_key(client, page) == key  # the answers are still waiting

    retried = send(client, page, key)

    assert retried.status_code == 200
    assert Feedback.objects.count() == 1
    assert Feedback.objects.get().reference in retried.content.decode()


# Programs and floods


def test_the_honeypot_is_hidden_from_people(client, index):
    page = ConsultationPageFactory(parent=index)

    content = client.get(page.url).content.decode()

    hidden = re.search(r'<div class="visually-hidden" aria-hidden="true">.*?</div>', content, re.S)
    assert "Leave this empty" in hidden.group(0)
    assert 'tabindex="-1"' in hidden.group(0)


def test_answers_with_the_honeypot_filled_in_are_thrown_away_quietly(client, index):
    page = ConsultationPageFactory(parent=index)

    response = client.post(page.url, {**ANSWERS, "your-website": "http://spam.example"})

    assert response.status_code == 200
    assert "We have your answers" in response.content.decode()
    assert "consultation_answers" not in client.session
    assert not Feedback.objects.exists()


def test_too_many_answers_from_one_browser_get_a_kind_page(client, index, settings):
    page = ConsultationPageFactory(parent=index)
    per_session = settings.BOARDHUB_RATE_LIMITS["consultations:answers"]["per_session"]
    for _ in range(per_session):
        send_answers(client, page, ANSWERS)

    response = client.post(page.url, ANSWERS)

    assert response.status_code == 429
    assert "Your answers have not been sent yet" in response.content.decode()
    assert Feedback.objects.count() == per_session
    # Someone else on the same connection, in their own browser, can still answer.
    assert client.__class__().post(page.url, ANSWERS).status_code == 302


# Save and come back later


def test_a_member_can_save_answers_without_finishing_them(client, index):
    member = UserFactory()
    page = ConsultationPageFactory(parent=index, audience="members")
    client.force_login(member)

    form = client.get(page.url).content.decode()
    response = client.post(
        page.url, {"what_works_well_for_you": "Half a thought", "action": "save"}
    )

    assert "Save and come back later" in form
    assert response.status_code == 302
    draft = FeedbackDraft.objects.get()
    assert draft.member == member
    assert draft.answers == {
        "what_works_well_for_you": "Half a thought",
        "the_service_is_easy_to_use": "",
    }
    assert not Feedback.objects.exists()
    assert page.get_submissions().count() == 0  # a draft is never counted as a response
    shown = client.get(response["Location"]).content.decode()
    assert "We have saved your answers" in shown
    assert "We have filled in the answers you saved" in shown
    assert "Half a thought</textarea>" in shown


def test_a_draft_is_only_ever_shown_to_its_member(client, index):
    page = ConsultationPageFactory(parent=index, audience="members")
    FeedbackDraft.objects.create(
        member=UserFactory(), consultation=page, answers={"what_works_well_for_you": "Private"}
    )
    client.force_login(UserFactory())

    content = client.get(page.url).content.decode()

    assert "Private" not in content
    assert "answers you saved" not in content


def test_people_without_an_account_cannot_save_a_draft(client, index):
    page = ConsultationPageFactory(parent=index)

    form = client.get(page.url).content.decode()
    response = client.post(page.url, {"action": "save"})

    assert "Save and come back later" not in form
    assert "There is a problem" in response.content.decode()
    assert not FeedbackDraft.objects.exists()


def test_sending_the_answers_deletes_the_draft(client, index):
    member = UserFactory()
    page = ConsultationPageFactory(parent=index, audience="members")
    client.force_login(member)
    client.post(page.url, {"what_works_well_for_you": "Half", "action": "save"})
    other_draft = FeedbackDraft.objects.create(member=UserFactory(), consultation=page, answers={})

    send_answers(client, page, ANSWERS)

    assert Feedback.objects.count() == 1
    assert list(FeedbackDraft.objects.all()) == [other_draft]


# Closed and not-yet-open consultations


@pytest.mark.parametrize("when", [-30, 30], ids=["before it opens", "after it closes"])
def test_a_consultation_that_is_not_open_refuses_at_every_step(client, index, when):
    page = ConsultationPageFactory(parent=index)
    check_answers(client, page, ANSWERS)
    key = idempotency_key(client, page)

    with time_machine.travel(datetime.timedelta(days=when)):
        form = client.post(page.url, {**ANSWERS, "action": "continue"})
        checking = client.get(send_url(page))
        sent = send(client, page, key)

    for response in (form, checking, sent):
        assert response.status_code == 403
        assert re.search(
            r"This consultation (is not open yet|has closed)", response.content.decode()
        )
    assert not Feedback.objects.exists()


def test_a_members_consultation_refuses_people_who_are_not_signed_in_at_every_step(client, index):
    page = ConsultationPageFactory(parent=index, audience="members")

    assert client.get(send_url(page)).status_code == 403
    # Posting without being signed in (a sign-in that ran out) sends them to sign in again.
    sent = send(client, page, "any-key")
    assert sent.status_code == 302
    assert sent["Location"] == f"/accounts/login/?next={page.url}"
    assert not Feedback.objects.exists()


# Unsafe text


def test_unsafe_text_in_every_kind_of_answer_stays_text(
    client, index, django_capture_on_commit_callbacks
):
    choices = "\n".join(PAYLOADS)
    page = ConsultationPageFactory(
        parent=index,
        questions=[
            {"label": "Short", "field_type": "singleline"},
            {"label": "Long", "field_type": "multiline"},
            {"label": "One", "field_type": "radio", "choices": choices},
            {"label": "Many", "field_type": "checkboxes", "choices": choices},
            {"label": "List", "field_type": "dropdown", "choices": choices},
            {"label": "Scale", "field_type": "agreement"},
        ],
    )
    names = {field.label: field.clean_name for field in page.form_fields.all()}
    client.force_login(UserFactory())
    answers = {
        names["Short"]: " ".join(PAYLOADS),
        names["Long"]: "\n".join(PAYLOADS),
        names["One"]: PAYLOADS[0],
        names["Many"]: PAYLOADS,
        names["List"]: PAYLOADS[1],
        names["Scale"]: "3",
    }

    checking = check_answers(client, page, answers).content.decode()
    sent = send(client, page, idempotency_key(client, page), django_capture_on_commit_callbacks)

    assert Feedback.objects.get().form_data[names["Long"]] == "\n".join(PAYLOADS)
    [email] = mail.outbox
    for content in (checking, sent.content.decode(), email.alternatives[0][0]):
        assert "<script>alert(1)" not in content
        assert "<img src=x" not in content
        assert 'href="javascript:' not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)</script>" in email.body  # plain text, where it is harmless


def test_the_consultations_own_fields_are_text_on_the_check_page_and_in_the_email(
    client, index, django_capture_on_commit_callbacks
):
    page = ConsultationPageFactory(
        parent=index, title=XSS, questions=[{"label": XSS, "field_type": "singleline"}]
    )
    [name] = [field.clean_name for field in page.form_fields.all()]
    client.force_login(UserFactory())

    checking = check_answers(client, page, {name: "Fine"}).content.decode()
    send(client, page, idempotency_key(client, page), django_capture_on_commit_callbacks)

    for content in (checking, mail.outbox[0].alternatives[0][0]):
        assert "<script>alert(1)" not in content
        assert "<img src=x" not in content


# Your data


def test_a_members_drafts_are_in_their_data_and_go_when_they_delete_their_account(index):
    from boardhub.demo.factories import FeedbackDraftFactory
    from boardhub.privacy.registry import registry

    page = ConsultationPageFactory(parent=index, title="Care at home")
    draft = FeedbackDraftFactory(consultation=page)
    link = registry.get(FeedbackDraft, "member")

    [record] = link.export(link.rows_for(draft.member))
    shown = {entry.label: entry.display for entry in record}
    link.erase_rows(draft.member)

    assert shown["Consultation"] == "Care at home"
    assert shown["What works well for you?"] == "The carers are"
    assert "Saved on" in shown
    assert not FeedbackDraft.objects.exists()
