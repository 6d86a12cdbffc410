"""When the mail server is down, a member's answers are still saved and they still see the
confirmation; the receipt waits in the queue and goes out once the server is back.

These tests use production's email path for real: the django-tasks database queue, the
`db_worker` command run as a batch, Django's SMTP backend, and a tiny SMTP server on
127.0.0.1 written here with the standard library. "Down" is a port on 127.0.0.1 that nothing
listens on. They are transactional, because the queue is filled when the answers' transaction
commits; serialized_rollback keeps their flush from making new content types for the tests
that follow (see tests/consultations).
"""

import datetime
import logging
import signal
import socket
import socketserver
import threading
from contextlib import contextmanager
from email import message_from_bytes, policy

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from boardhub.consultations.models import Feedback
from boardhub.core import emails
from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    UserFactory,
)
from home.models import HomePage
from tests.consultations.conftest import check_answers, idempotency_key

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ANSWERS = {"what_works_well_for_you": "The carers are kind.", "the_service_is_easy_to_use": "4"}
REFUSED_ADDRESS = "nobody@example.org"


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: no extensions, no TLS, no sign-in. Refuses
    REFUSED_ADDRESS the way a server refuses an address it does not have (550)."""

    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 127.0.0.1 test SMTP server")
        recipients, lines, reading_data = [], [], False
        while line := self.rfile.readline():
            if reading_data:
                if line == b".\r\n":
                    email = message_from_bytes(b"".join(lines), policy=policy.default)
                    self.server.messages.append((recipients, email))
                    recipients, lines, reading_data = [], [], False
                    self.reply("250 2.0.0 Queued")
                else:
                    lines.append(line[1:] if line.startswith(b"..") else line)
                continue
            command = line[:4].upper()
            if command == b"RCPT" and REFUSED_ADDRESS.encode() in line:
                self.reply("550 5.1.1 No such person here")
            elif command == b"RCPT":
                recipients.append(line.split(b":", 1)[1].strip(b" <>\r\n").decode())
                self.reply("250 2.1.5 OK")
            elif command == b"DATA":
                reading_data = True
                self.reply("354 End data with <CR><LF>.<CR><LF>")
            elif command == b"QUIT":
                self.reply("221 2.0.0 Bye")
                return
            elif command in (b"EHLO", b"HELO", b"MAIL", b"RSET", b"NOOP"):
                self.reply("250 OK")
            else:
                self.reply("502 5.5.2 Not implemented")


@contextmanager
def smtp_server():
    """A real SMTP server on a free port on 127.0.0.1; yields it, with `.port` and the
    `.messages` it has received."""
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SMTPHandler)
    server.daemon_threads = True
    server.messages = []
    server.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_port():
    """A port on 127.0.0.1 that nothing listens on: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def production_email(settings):
    """Production's email path: the database queue and SMTP, to a mail server that is down."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return settings


def run_worker():
    """`manage.py db_worker --batch`: run every task that is due, then stop. The command sets
    its own handlers for Ctrl+C and SIGTERM; pytest gets its own back afterwards."""
    handled = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {signum: signal.getsignal(signum) for signum in handled}
    try:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def queued(**filters):
    return list(DBTaskResult.objects.filter(task_path="boardhub.core.emails.send_email", **filters))


def minutes_after(later, earlier):
    return round((later - earlier).total_seconds() / 60, 1)


def test_answers_are_saved_while_the_mail_server_is_down_and_the_receipt_goes_once_it_is_back(
    client, production_email, caplog
):
    member = UserFactory(email="sam@example.org", display_name="Sam")
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get(), title="Consultations")
    page = ConsultationPageFactory(parent=index, audience="members", title="Care at home")
    client.force_login(member)
    check_answers(client, page, ANSWERS)

    response = client.post(
        page.url + "check-your-answers/", {"idempotency_key": idempotency_key(client, page)}
    )

    # The answers are stored and the member sees the confirmation: the mail server is not asked.
    feedback = Feedback.objects.get()
    assert response.status_code == 200
    content = response.content.decode()
    assert "We have your answers" in content
    assert feedback.reference in content
    [waiting] = queued(status="READY")
    subject, to, text_body, html_body = waiting.args_kwargs["args"]
    assert subject == f"We have your answers: {feedback.reference}"
    assert to == ["sam@example.org"]

    # The worker's try fails: the server refuses the connection. The same email is queued
    # again, a minute later, and nothing is lost.
    with caplog.at_level(logging.WARNING, logger="boardhub.core.emails"):
        run_worker()

    waiting.refresh_from_db()
    assert waiting.status == "SUCCESSFUL"  # it did its job: it queued the next try
    [retry] = queued(status="READY")
    assert waiting.return_value == {
        "sent": False,
        "next_try": str(retry.id),
        "run_after": retry.run_after.isoformat(),
    }
    assert retry.args_kwargs == {
        "args": [subject, to, text_body, html_body],
        "kwargs": {"attempt": 2},
    }
    assert minutes_after(retry.run_after, waiting.finished_at) == 1
    assert "try 1 of 6 failed" in caplog.text
    assert "Connection refused" in caplog.text
    assert Feedback.objects.count() == 1

    with smtp_server() as server:
        production_email.EMAIL_PORT = server.port

        run_worker()  # too soon: the next try is not due yet
        assert server.messages == []

        with time_machine.travel(retry.run_after + datetime.timedelta(seconds=1)):
            run_worker()
            run_worker()  # nothing more is due: nothing is sent twice

    [(recipients, email)] = server.messages
    assert recipients == ["sam@example.org"]
    assert email["Subject"] == f"We have your answers: {feedback.reference}"
    body = email.get_body(preferencelist=("plain",)).get_content()
    assert "Hello Sam" in body
    assert "The carers are kind." in body
    retry.refresh_from_db()
    assert retry.status == "SUCCESSFUL"
    assert queued(status="READY") == []
    assert Feedback.objects.count() == 1


def test_while_the_server_stays_down_the_email_is_tried_six_times_then_given_up(
    production_email, caplog
):
    emails.send_email.enqueue("Your sign-in code", ["sam@example.org"], "Code: 123456")
    started = timezone.now()
    delays = []

    with time_machine.travel(started, tick=False) as traveller, caplog.at_level(logging.WARNING):
        for _ in range(emails.MAX_ATTEMPTS):
            run_worker()
            waiting = queued(status="READY")
            if not waiting:
                break
            [retry] = waiting
            delays.append(minutes_after(retry.run_after, timezone.now()))
            traveller.move_to(retry.run_after)

    assert delays == [1, 5, 15, 60, 240]
    tries = queued()
    assert len(tries) == emails.MAX_ATTEMPTS == 6
    [last] = queued(status="FAILED")
    assert last.args_kwargs["kwargs"] == {"attempt": 6}
    assert last.exception_class_path == "builtins.ConnectionRefusedError"
    assert f"Email task {last.id} ('Your sign-in code'): gave up after 6 tries" in caplog.text
    assert queued(status="READY") == []


def test_an_address_the_server_refuses_is_not_tried_again(production_email, caplog):
    emails.send_email.enqueue("Your sign-in code", [REFUSED_ADDRESS], "Code: 123456")

    with smtp_server() as server, caplog.at_level(logging.ERROR, logger="boardhub.core.emails"):
        production_email.EMAIL_PORT = server.port
        run_worker()

    [refused] = queued()
    assert refused.status == "FAILED"
    assert refused.exception_class_path == "smtplib.SMTPRecipientsRefused"
    assert "the mail server refused it" in caplog.text
    assert server.messages == []
