"""A receipt is queued only once the response it confirms has been committed: someone must
never be emailed a reference for answers that were then rolled back."""

import pytest
from django.core import mail
from django.db import connection
from django_tasks.signals import task_enqueued

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import ConsultationPageFactory, UserFactory
from tests.consultations.conftest import check_answers, idempotency_key

ANSWERS = {"what_works_well_for_you": "The carers are kind.", "the_service_is_easy_to_use": "4"}


@pytest.fixture
def enqueued():
    """Every email queued while the test runs, with whether a transaction was open then (other
    tasks, such as Wagtail's search index updates, are not watched)."""
    seen = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == "send_email":
            seen.append(
                {"task": task_result.task.name, "in_transaction": connection.in_atomic_block}
            )

    task_enqueued.connect(record)
    yield seen
    task_enqueued.disconnect(record)


@pytest.mark.django_db
def test_the_receipt_waits_for_the_commit(
    client, index, django_capture_on_commit_callbacks, enqueued
):
    member = UserFactory(email="sam@example.org")
    page = ConsultationPageFactory(parent=index, audience="members")
    client.force_login(member)
    check_answers(client, page, ANSWERS)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            page.url + "check-your-answers/", {"idempotency_key": idempotency_key(client, page)}
        )
        # Answered and stored in the open transaction, but nothing queued or sent yet.
        assert response.status_code == 200
        assert Feedback.objects.filter(member=member).count() == 1
        assert enqueued == []
        assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert len(enqueued) == 1
    [receipt] = mail.outbox
    assert receipt.to == ["sam@example.org"]


# Real commits: the receipt task must be queued after the transaction, never inside one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_receipt_is_queued_outside_any_transaction(client, index, enqueued):
    member = UserFactory(email="sam@example.org")
    page = ConsultationPageFactory(parent=index, audience="members")
    client.force_login(member)
    check_answers(client, page, ANSWERS)

    client.post(
        page.url + "check-your-answers/", {"idempotency_key": idempotency_key(client, page)}
    )

    assert enqueued == [{"task": "send_email", "in_transaction": False}]
    assert len(mail.outbox) == 1
