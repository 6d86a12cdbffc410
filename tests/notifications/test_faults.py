"""Notify refusing, rate-limiting, failing and down: stored, retried, never sent twice, and a
permanent failure left in plain words for an officer."""

import datetime
import logging
import signal

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from boardhub.notifications.choices import ReplyBy
from boardhub.notifications.models import Notification, Status
from boardhub.notifications.recipients import Recipient
from boardhub.notifications.sending import send
from boardhub.notifications.tasks import send_notification
from tests import notify_server as fake_notify

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CONTEXT = {"name": "Sam", "reference": "BH-2026-000123"}
TEXT = Recipient(reply_by=ReplyBy.TEXT, name="Sam", phone="07700 900123")
TEXT_TEMPLATE = "0b2e7b9a-0000-4000-8000-000000000002"
TASK = "boardhub.notifications.tasks.send_notification"


@pytest.fixture
def queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def run_worker():
    handled = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {signum: signal.getsignal(signum) for signum in handled}
    try:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def waiting():
    return list(DBTaskResult.objects.filter(task_path=TASK, status="READY"))


def store(recipient=TEXT, key="notify_core_test"):
    with transaction.atomic():
        return send(recipient, key, CONTEXT)


@pytest.mark.parametrize("kind", ["rate_limit", "server_error"])
def test_a_rate_limit_or_server_error_is_retried_later_and_sent_once(
    notify_server, test_message, queue, kind, caplog
):
    notify_server.fail_next(1, kind)
    notification = store()

    with caplog.at_level(logging.WARNING, logger="boardhub.notifications.tasks"):
        run_worker()

    notification.refresh_from_db()
    assert notification.status == Status.QUEUED
    assert "GOV.UK Notify could not take this text message" in notification.error
    assert "try 1 of 6 failed" in caplog.text
    [retry] = waiting()
    assert retry.args_kwargs == {"args": [notification.pk], "kwargs": {"attempt": 2}}
    assert notify_server.requests == []

    run_worker()  # not due yet
    assert notify_server.requests == []
    with time_machine.travel(retry.run_after + datetime.timedelta(seconds=1)):
        run_worker()
        run_worker()

    [request] = notify_server.requests
    assert request["json"]["reference"] == str(notification.pk)
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.error == ""
    assert notification.attempts == 2
    assert waiting() == []


def test_the_task_run_twice_sends_once(notify_server, test_message, queue):
    notification = store()
    assert len(waiting()) == 1

    run_worker()
    # The same task again (a worker that restarted, a duplicate in the queue).
    send_notification.enqueue(notification.pk)
    send_notification.enqueue(notification.pk)
    run_worker()

    assert len(notify_server.requests) == 1
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.attempts == 1


def test_an_invalid_number_fails_for_good_in_words_an_officer_reads(
    notify_server, test_message, queue
):
    notification = store(Recipient(reply_by=ReplyBy.TEXT, name="Sam", phone="01632 960001"))

    run_worker()

    notification.refresh_from_db()
    assert notify_server.requests == []
    [(status, __)] = notify_server.refused
    assert status == 400
    assert notification.status == Status.FAILED
    assert notification.error == (
        "GOV.UK Notify would not send this text message: phone_number Not a UK mobile "
        "number. Check the mobile number with the person, or contact them another way."
    )
    assert waiting() == []  # not retried
    assert Notification.objects.to_contact().get() == notification


def test_notify_answering_invalid_number_fails_for_good(notify_server, test_message, queue):
    notify_server.fail_next(1, "invalid_number")
    notification = store()

    run_worker()

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert "Not a UK mobile number" in notification.error
    assert waiting() == []


def test_a_letter_to_an_address_with_no_real_postcode_fails_for_good(
    notify_server, test_message, queue
):
    notification = store(
        Recipient(
            reply_by=ReplyBy.POST,
            name="Sam",
            address_lines=("1 High Street", "Lancaster", "Nowhere"),
        )
    )

    run_worker()

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert "Must be a real UK postcode" in notification.error
    assert "postal address and postcode" in notification.error


def test_a_wrong_key_is_refused_and_said_so(notify_server, test_message, queue, settings):
    settings.NOTIFY_API_KEY = (
        f"wrong-{notify_server.service_id}-00000000-0000-4000-8000-000000000000"
    )
    notification = store()

    run_worker()

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert "refused BoardHub's key" in notification.error
    assert notify_server.requests == []


def test_while_notify_is_down_the_message_is_kept_and_goes_when_it_is_back(
    test_message, queue, settings
):
    server = fake_notify.start({TEXT_TEMPLATE: "sms"})
    settings.NOTIFY_API_KEY = server.api_key
    settings.NOTIFY_BASE_URL = server.url
    settings.NOTIFY_TEXT_TEMPLATE_ID = TEXT_TEMPLATE
    settings.NOTIFY_TIMEOUT = 2
    fake_notify.stop(server)  # Notify is down

    notification = store()
    run_worker()

    notification.refresh_from_db()
    assert notification.status == Status.QUEUED
    assert "could not take this text message (503" in notification.error
    [retry] = waiting()

    server = fake_notify.start({TEXT_TEMPLATE: "sms"})
    try:
        settings.NOTIFY_API_KEY = server.api_key
        settings.NOTIFY_BASE_URL = server.url
        with time_machine.travel(retry.run_after + datetime.timedelta(seconds=1)):
            run_worker()
    finally:
        fake_notify.stop(server)
    [request] = server.requests
    assert request["json"]["reference"] == str(notification.pk)
    notification.refresh_from_db()
    assert notification.status == Status.SENT


def test_a_slow_notify_is_given_up_on_and_retried(notify_server, test_message, queue, settings):
    settings.NOTIFY_TIMEOUT = 0.5
    notify_server.delay = 1.5
    notification = store()

    run_worker()

    notification.refresh_from_db()
    assert notification.status == Status.QUEUED
    assert len(waiting()) == 1


def test_after_the_last_try_it_fails_for_an_officer(notify_server, test_message, queue):
    notify_server.fail_next(6, "server_error")
    notification = store()

    for _ in range(6):
        run_worker()
        for task in waiting():
            with time_machine.travel(task.run_after + datetime.timedelta(seconds=1)):
                run_worker()
        if not waiting():
            break

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert "We tried 6 times and gave up" in notification.error
    assert notify_server.requests == []


def test_with_the_immediate_backend_a_temporary_failure_is_recorded_at_once(
    notify_server, test_message, django_capture_on_commit_callbacks
):
    notify_server.fail_next(1, "server_error")
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(TEXT, test_message, CONTEXT)

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert "We tried once and gave up" in notification.error


def test_two_workers_running_the_same_task_at_once_send_once(notify_server, test_message):
    """A race, run as one: two threads run the task for the same row at the same moment
    (Notify answers slowly, so both are in flight together)."""
    import threading

    from django.db import connection

    notification = Notification.objects.create(  # queued, its task not run yet
        message_key=test_message,
        channel="text",
        backend="notify",
        address="07700 900123",
        body="We have your feedback BH-2026-000123.",
    )
    notify_server.delay = 0.5
    start = threading.Barrier(2)

    def worker():
        start.wait()
        try:
            send_notification.enqueue(notification.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(notify_server.requests) == 1
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.attempts == 1
