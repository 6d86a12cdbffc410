"""A server error is emailed to ADMINS, through the email queue, with what a developer needs
and none of the visitor's personal data (boardhub.core.error_reports)."""

import pytest
from django.core import mail
from django.test import Client
from django_tasks_db.models import DBTaskResult

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.urls_error_reports")]

SECRET_ANSWER = "My carer comes late every Tuesday"
MEMBER_EMAIL = "sam.member@example.org"
COOKIE_VALUE = "cookie-value-7f3a9c"
QUERY_VALUE = "query-value-5d1e"
REQUEST_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Ops", "ops@boardhub.example.org")]
    return settings


def fail_with_personal_data(client):
    client.cookies["sessionid"] = COOKIE_VALUE
    return client.post(
        f"/answers-that-fail/?email={MEMBER_EMAIL}&ref={QUERY_VALUE}",
        {"answer": SECRET_ANSWER, "email": MEMBER_EMAIL},
        headers={"X-Request-ID": REQUEST_ID},
    )


def test_a_server_error_reaches_the_admins_without_personal_data(admins):
    client = Client(raise_request_exception=False)

    response = fail_with_personal_data(client)

    assert response.status_code == 500
    [report] = mail.outbox
    assert report.to == ["ops@boardhub.example.org"]
    assert report.subject == "[BoardHub] Server error: LookupError at /answers-that-fail/"
    body = report.body
    assert f"Request id:  {REQUEST_ID}" in body
    assert "Request:     POST /answers-that-fail/" in body
    assert "Error:       builtins.LookupError: No account for [email address] (33 characters)" in (
        body
    )
    assert "in failing_answers_view" in body  # where it happened
    assert "When:        20" in body
    for personal in (SECRET_ANSWER, MEMBER_EMAIL, COOKIE_VALUE, QUERY_VALUE, "@example.org"):
        assert personal not in body
        assert personal not in report.subject
    assert "'answer'" not in body  # no local variables


def test_the_same_fault_again_is_not_reported_again_at_once(admins):
    client = Client(raise_request_exception=False)

    fail_with_personal_data(client)
    fail_with_personal_data(client)

    assert len(mail.outbox) == 1


def test_without_admins_nobody_is_emailed(settings):
    settings.ADMINS = []
    client = Client(raise_request_exception=False)

    assert fail_with_personal_data(client).status_code == 500
    assert mail.outbox == []


def test_in_production_the_report_waits_in_the_email_queue(admins):
    admins.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    client = Client(raise_request_exception=False)

    assert fail_with_personal_data(client).status_code == 500

    assert mail.outbox == []  # not sent in the request: the worker sends it
    [queued] = DBTaskResult.objects.filter(task_path="boardhub.core.emails.send_email")
    assert queued.status == "READY"
    subject, to, body = queued.args_kwargs["args"][:3]
    assert subject.startswith("[BoardHub] Server error: LookupError")
    assert to == ["ops@boardhub.example.org"]
    assert REQUEST_ID in body
    assert MEMBER_EMAIL not in str(queued.args_kwargs)
