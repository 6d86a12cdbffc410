"""An email that failed for good is listed in the admin for the officers who follow it up, who
can try it again once: it is then sent exactly once, however often "Try again" is pressed.

These run production's email path for real, as test_faults_email.py does: the django-tasks
database queue, `db_worker --batch` and SMTP to a small server on 127.0.0.1.
"""

import smtplib
import threading

import pytest
from django.contrib import messages
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from boardhub.core import emails, failed_tasks
from boardhub.core.models import TaskRetry
from boardhub.demo.factories import UserFactory, activate_totp
from tests.conftest import SignedInClient
from tests.core.test_faults_email import queued, run_worker, smtp_server
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECIPIENT = "sam@example.org"
SUBJECT = "We have your answers: FB-7Q2K"


class RefusingEmailBackend(BaseEmailBackend):
    """A mail server that refuses every recipient for good (550), as a real one refuses an
    address it does not have."""

    def send_messages(self, email_messages):
        message = email_messages[0]
        raise smtplib.SMTPRecipientsRefused(
            dict.fromkeys(message.to, (550, b"5.1.1 No such person here"))
        )


@pytest.fixture
def queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.EMAIL_BACKEND = f"{__name__}.RefusingEmailBackend"
    return settings


def signed_in(user):
    client = SignedInClient()
    client.force_login(user)
    return client


def failed_email():
    emails.send_email.enqueue(SUBJECT, [RECIPIENT], "Thank you for your answers.")
    run_worker()
    [failed] = queued(status="FAILED")
    return failed


def use_working_mail_server(settings, server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5


def test_a_refused_email_is_listed_and_tried_again_once_however_often_someone_asks(queue):
    failed = failed_email()
    handler = officer_in("Feedback handlers", display_name="Pat Officer")
    client = signed_in(handler)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 email could not be sent." in dashboard
    assert reverse("failed_tasks:index") in dashboard

    listing = client.get(reverse("failed_tasks:index"))
    assert listing.status_code == 200
    content = listing.content.decode()
    assert f"Email: {SUBJECT}" in content
    assert RECIPIENT in content
    assert "SMTPRecipientsRefused: " in content
    assert "No such person here" in content
    assert "Traceback" not in content  # only on the task's own page
    detail = client.get(reverse("failed_tasks:detail", args=[failed.pk])).content.decode()
    assert "Traceback (most recent call last)" in detail

    retry_url = reverse("failed_tasks:retry", args=[failed.pk])
    with smtp_server() as server:
        use_working_mail_server(queue, server)
        response = client.post(retry_url, follow=True)
        assert "We will try “Email: We have your answers: FB-7Q2K” again" in (
            response.content.decode()
        )
        again = client.post(retry_url, follow=True)  # a double click, or a second officer
        run_worker()
        run_worker()

    [(recipients, email)] = server.messages
    assert recipients == [RECIPIENT]
    assert email["Subject"] == SUBJECT
    assert again.status_code == 200
    assert "Someone has already tried “Email: We have your answers: FB-7Q2K” again" in (
        again.content.decode()
    )
    assert "we have not sent it a second time" in again.content.decode()
    retry = TaskRetry.objects.get(failed_task=failed)
    assert DBTaskResult.objects.get(pk=retry.new_task_id).status == "SUCCESSFUL"
    [entry] = ModelLogEntry.objects.filter(action="boardhub.task_retried")
    assert entry.user_id == handler.pk
    assert entry.data == {"failed_task": str(failed.pk), "new_task": str(retry.new_task_id)}
    # Tried again: no longer counted on the dashboard, still listed, with no second button.
    assert "could not be sent" not in client.get(reverse("wagtailadmin_home")).content.decode()
    listing = client.get(reverse("failed_tasks:index")).content.decode()
    assert "Tried again on" in listing
    assert retry_url not in listing


def test_officers_without_the_permission_see_neither_the_list_nor_the_count(queue):
    failed = failed_email()
    editor = officer_in("Editors", "Moderators")
    client = signed_in(editor)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "could not be sent" not in dashboard
    assert reverse("failed_tasks:index") not in dashboard
    for response in (
        client.get(reverse("failed_tasks:index")),
        client.get(reverse("failed_tasks:detail", args=[failed.pk])),
        client.post(reverse("failed_tasks:retry", args=[failed.pk])),
    ):
        # Wagtail's refusal: back to the dashboard, saying so.
        assert response.status_code == 302
        assert response.headers["Location"] == reverse("wagtailadmin_home")
        refusals = [str(message) for message in messages.get_messages(response.wsgi_request)]
        assert refusals
        assert all("Sorry, you do not have permission" in refusal for refusal in refusals)
    assert not TaskRetry.objects.exists()
    assert queued(status="READY") == []


def test_a_superuser_sees_them_and_a_get_never_tries_again(queue):
    failed = failed_email()
    superuser = UserFactory(verified=True, is_superuser=True, is_staff=True)
    activate_totp(superuser)
    client = signed_in(superuser)

    assert RECIPIENT in client.get(reverse("failed_tasks:index")).content.decode()
    assert client.get(reverse("failed_tasks:retry", args=[failed.pk])).status_code == 405
    assert not TaskRetry.objects.exists()


def test_the_list_reads_the_same_number_of_queries_however_many_failed(queue):
    superuser = UserFactory(verified=True, is_superuser=True, is_staff=True)
    activate_totp(superuser)
    client = signed_in(superuser)
    failed_email()

    def queries_for_the_list():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("failed_tasks:index")).status_code == 200
        return len(queries)

    queries_for_the_list()  # the first request fills caches (content types, the menu)
    with_one = queries_for_the_list()
    for number in range(3):
        emails.send_email.enqueue(f"Email {number}", [RECIPIENT], "Hello")
    run_worker()
    assert len(queued(status="FAILED")) == 4

    assert queries_for_the_list() == with_one


def test_two_officers_trying_the_same_email_again_at_once_queue_it_once(queue):
    """Two requests at the same moment, in two threads with a database connection each."""
    failed = failed_email()
    officers = [officer_in("Feedback handlers"), officer_in("Safeguarding")]
    both_ready = threading.Barrier(2)
    outcomes = []

    def press_try_again(officer):
        try:
            both_ready.wait()
            failed_tasks.try_again(DBTaskResult.objects.get(pk=failed.pk), officer)
            outcomes.append("queued")
        except failed_tasks.AlreadyRetried:
            outcomes.append("already tried")
        finally:
            connection.close()

    threads = [threading.Thread(target=press_try_again, args=(officer,)) for officer in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already tried", "queued"]
    assert len(queued(status="READY")) == 1
    assert TaskRetry.objects.count() == 1
