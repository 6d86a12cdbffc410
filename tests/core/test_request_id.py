"""Every request has an id: in the X-Request-ID response header, on every log line written
for it, and on the 500 page for the visitor to quote (boardhub.core.request_id)."""

import json
import logging
import secrets

import pytest
from django.test import Client

from boardhub.core.json_logs import JsonLinesFormatter
from boardhub.core.request_id import RequestIdFilter
from tests.core.test_security import run_with_production_settings

pytestmark = pytest.mark.django_db

NGINX_ID = "0123456789abcdef0123456789abcdef"


def test_the_id_nginx_gives_a_request_comes_back_in_the_response(client):
    response = client.get("/", headers={"X-Request-ID": NGINX_ID})

    assert response.headers["X-Request-ID"] == NGINX_ID


@pytest.mark.parametrize(
    "sent", ["", "short", "has spaces in it and more", "x" * 65, 'quote"and<angle>', "a\nb" * 5]
)
def test_a_request_without_a_sane_id_gets_a_new_one(client, sent):
    first = client.get("/", headers={"X-Request-ID": sent}).headers["X-Request-ID"]
    second = client.get("/", headers={"X-Request-ID": sent}).headers["X-Request-ID"]

    assert first != sent
    assert len(first) == 32 and int(first, 16) >= 0
    assert first != second


@pytest.mark.urls("tests.core.urls_failing")
def test_the_500_page_asks_the_visitor_to_quote_the_requests_number():
    client = Client(raise_request_exception=False)

    response = client.get("/broken/", headers={"X-Request-ID": NGINX_ID})

    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == NGINX_ID
    assert f"please quote this number: <strong>{NGINX_ID}</strong>" in response.content.decode()


class Lines(logging.Handler):
    """Keeps each record as production's handler would write it: a JSON line."""

    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonLinesFormatter())
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines():
    handler = Lines()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


@pytest.mark.urls("tests.core.urls_failing")
def test_each_log_line_is_json_with_the_request_id(log_lines):
    Client(raise_request_exception=False).get("/broken/", headers={"X-Request-ID": NGINX_ID})

    [line] = log_lines
    assert "\n" not in line
    record = json.loads(line)
    assert record["request_id"] == NGINX_ID
    assert record["level"] == "ERROR"
    assert record["logger"] == "django.request"
    assert record["message"] == "Internal Server Error: /broken/"
    assert "RuntimeError: A fault for the tests" in record["traceback"]
    assert record["time"].endswith("+00:00")


def test_a_line_written_outside_any_request_says_so():
    handler = Lines()
    handler.handle(logging.LogRecord("boardhub", logging.WARNING, __file__, 1, "Hello", (), None))

    assert json.loads(handler.lines[0])["request_id"] == "-"


def test_production_writes_json_lines_and_emails_the_admins_named_in_the_environment():
    result = run_with_production_settings(
        [
            "-c",
            "import django, json, logging; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.ADMINS)); "
            "logging.getLogger('boardhub').warning('Something to look at')",
        ],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="boardhub.example.org",
        ADMIN_EMAILS="Site Team <team@example.org>, ops@example.org",
    )

    assert json.loads(result.stdout) == [["Site Team", "team@example.org"], ["", "ops@example.org"]]
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "Something to look at"
    assert line["level"] == "WARNING"
    assert line["request_id"] == "-"
