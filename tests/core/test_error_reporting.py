"""Errors sent to Sentry carry no personal data (boardhub.core.error_reporting).

The SDK is started as production starts it, with a DSN for a small Sentry stand-in on
127.0.0.1 that keeps every envelope it is sent; a request that fails goes through Django's
test client, and what reached the stand-in is read back.
"""

import gzip
import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler

from boardhub.core.error_reporting import scrub_event, start_sentry

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.urls_error_reports")]

SECRET_ANSWER = "My carer comes late every Tuesday"
MEMBER_EMAIL = "sam.member@example.org"
COOKIE_VALUE = "cookie-value-7f3a9c"
QUERY_VALUE = "query-value-5d1e"
REQUEST_ID = "0123456789abcdef0123456789abcdef"
PERSONAL = (
    SECRET_ANSWER,
    MEMBER_EMAIL,
    COOKIE_VALUE,
    QUERY_VALUE,
    "example.org",
    "203.0.113.9",  # the visitor's address
    "198.51.100.7",
    "Browser of Sam",
)


class EnvelopeHandler(BaseHTTPRequestHandler):
    """Sentry's ingest endpoint, as far as the SDK needs: POST /api/<project>/envelope/."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # the SDK's choice when brotli is installed (make bench's deps)
            import brotli

            body = brotli.decompress(body)
        self.server.envelopes.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), EnvelopeHandler)
    server.envelopes = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def dsn(server):
    return f"http://public-key@127.0.0.1:{server.server_address[1]}/42"


@contextmanager
def sdk_started():
    try:
        yield
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.init()  # no DSN: off again for the tests that follow


@pytest.fixture
def sentry(sentry_server):
    """The SDK as production starts it."""
    with sdk_started():
        start_sentry(dsn(sentry_server), environment="test")
        yield sentry_server


@pytest.fixture
def sentry_collecting_everything(sentry_server):
    """The SDK told to collect all it can and send it unscrubbed: events full of personal
    data, for scrub_event to be tried on."""
    with sdk_started():
        sentry_sdk.init(
            dsn=dsn(sentry_server),
            data_collection={
                "user_info": True,
                "cookies": {"mode": "denylist", "terms": []},
                "http_headers": {"request": {"mode": "denylist", "terms": []}},
                "http_bodies": ["incoming_request"],
                "url_query_params": {"mode": "denylist", "terms": []},
                "stack_frame_variables": True,
            },
            max_request_body_size="always",
        )
        yield sentry_server


def events(envelopes):
    """The event items of every envelope received."""
    found = []
    for __, body in envelopes:
        lines = body.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                found.append(json.loads(payload))
    return found


def post_through_wsgi(path, query, form, headers):
    """A POST handed to Django as gunicorn hands it one (Django's WSGI handler, which the SDK
    watches; the test client goes round it)."""
    body = urlencode(form).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "REMOTE_ADDR": "203.0.113.9",
        "wsgi.input": BytesIO(body),
        **{f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()},
    }
    setup_testing_defaults(environ)
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    b"".join(response)
    response.close()
    return statuses[0]


def fail_with_personal_data():
    return post_through_wsgi(
        "/answers-that-fail/",
        f"email={MEMBER_EMAIL}&ref={QUERY_VALUE}",
        {"answer": SECRET_ANSWER, "email": MEMBER_EMAIL},
        {
            "Host": "testserver",
            "Cookie": f"reader_preferences={COOKIE_VALUE}",
            "X-Request-ID": REQUEST_ID,
            "X-Forwarded-For": "198.51.100.7",
            "User-Agent": "Browser of Sam",
        },
    )


def test_an_error_reaches_sentry_without_personal_data(sentry):
    status = fail_with_personal_data()
    sentry_sdk.flush(timeout=5)

    assert status.startswith("500")
    assert {path for path, __ in sentry.envelopes} == {"/api/42/envelope/"}
    [event] = events(sentry.envelopes)
    [exception] = event["exception"]["values"]
    assert exception["type"] == "LookupError"
    assert exception["value"] == "No account for [email address] (33 characters)"
    assert exception["stacktrace"]["frames"][-1]["function"] == "failing_answers_view"
    assert event["request"]["method"] == "POST"
    assert event["request"]["url"] == "http://testserver/answers-that-fail/"
    assert event["tags"]["request_id"] == REQUEST_ID
    sent = json.dumps(event)
    for personal in PERSONAL:
        assert personal not in sent
    assert '"vars"' not in sent
    assert "cookies" not in event["request"]
    assert "data" not in event["request"]
    assert "query_string" not in event["request"]
    assert set(event.get("user", {})) <= {"id"}


def test_the_scrubber_takes_the_personal_data_out_of_a_real_event(sentry_collecting_everything):
    """If the SDK's own settings ever let personal data through (an upgrade, a new
    integration), scrub_event still takes it out."""
    fail_with_personal_data()
    sentry_sdk.flush(timeout=5)
    [event] = events(sentry_collecting_everything.envelopes)
    unscrubbed = json.dumps(event)
    for personal in PERSONAL:
        assert personal in unscrubbed  # the SDK did collect it all
    assert '"vars"' in unscrubbed

    scrubbed = scrub_event(event, hint={})

    sent = json.dumps(scrubbed)
    for personal in PERSONAL:
        assert personal not in sent
    assert '"vars"' not in sent
    assert scrubbed["request"] == {
        "url": "http://testserver/answers-that-fail/",
        "method": "POST",
        "headers": {
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": "71",
            "Host": "testserver",
            "X-Request-Id": REQUEST_ID,
        },
    }
    [exception] = scrubbed["exception"]["values"]
    assert exception["value"] == "No account for [email address] (33 characters)"
    assert exception["stacktrace"]["frames"][-1]["function"] == "failing_answers_view"
