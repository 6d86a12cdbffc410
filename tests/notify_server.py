"""A small stand-in for GOV.UK Notify's API on 127.0.0.1, for the tests.

It checks each request as Notify does: the `Authorization: Bearer <JWT>` header (HS256,
signed with the secret half of the API key, `iss` the service id, `iat` within 30 seconds),
the JSON payload of /v2/notifications/sms, /letter and /email, a template id it knows, a UK
mobile number for text messages, and an address of at least three lines whose last is a real
UK postcode for letters. It answers as Notify does (201 and a notification, or Notify's error
bodies), records every request it accepted, and can be told to answer the next requests with
Notify's errors (`fail_next`), or to be slow (`delay`).

A Notify API key is "{key name}-{service id}-{secret}", both uuids.
"""

import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")
TOKEN_BOUND = 30

ERRORS = {
    "invalid_number": (
        400,
        {"error": "ValidationError", "message": "phone_number Not a UK mobile number"},
    ),
    "bad_address": (
        400,
        {"error": "ValidationError", "message": "Must be a real UK postcode"},
    ),
    "rate_limit": (
        429,
        {
            "error": "RateLimitError",
            "message": "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
        },
    ),
    "server_error": (500, {"error": "Exception", "message": "Internal server error"}),
    "auth": (403, {"error": "AuthError", "message": "Invalid token: API key not found"}),
}


class NotifyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, service_id, secret, templates):
        super().__init__(("127.0.0.1", 0), Handler)
        self.service_id = service_id
        self.secret = secret
        self.templates = dict(templates)  # template id -> "sms" | "email" | "letter"
        self.requests = []  # every request accepted: {"path", "json", "id"}
        self.refused = []  # every request answered with an error: (status, body)
        self.failures = []  # errors to answer with next, one a request
        self.delay = 0.0
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def api_key(self):
        return f"boardhub_tests-{self.service_id}-{self.secret}"

    def fail_next(self, count, kind):
        """Answer the next `count` requests with Notify's `kind` of error (ERRORS)."""
        with self.lock:
            self.failures.extend([kind] * count)

    def next_failure(self):
        with self.lock:
            return self.failures.pop(0) if self.failures else None

    def sent(self, kind):
        """The accepted requests of one kind: "sms", "email" or "letter"."""
        return [request for request in self.requests if request["path"].endswith("/" + kind)]


def notify_error(status, *errors):
    return status, {"status_code": status, "errors": list(errors)}


class Handler(BaseHTTPRequestHandler):
    server: NotifyServer

    def log_message(self, format, *args):  # quiet
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        if self.server.delay:
            time.sleep(self.server.delay)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        status, body = self.check(raw)
        if status >= 400:
            self.server.refused.append((status, body))
        self.answer(status, body)

    def check(self, raw):
        problem = self.check_token()
        if problem:
            return notify_error(403, {"error": "AuthError", "message": problem})
        failure = self.server.next_failure()
        if failure:
            status, error = ERRORS[failure]
            return notify_error(status, error)
        if self.headers.get("Content-Type") != "application/json":
            return notify_error(400, {"error": "BadRequestError", "message": "Not JSON"})
        try:
            payload = json.loads(raw)
        except ValueError:
            return notify_error(400, {"error": "BadRequestError", "message": "Invalid JSON"})
        kinds = {
            "/v2/notifications/sms": "sms",
            "/v2/notifications/email": "email",
            "/v2/notifications/letter": "letter",
        }
        kind = kinds.get(self.path)
        if kind is None:
            return 404, {
                "status_code": 404,
                "errors": [{"error": "NotFound", "message": "Not found"}],
            }
        problem = self.check_payload(kind, payload)
        if problem:
            return notify_error(400, {"error": "ValidationError", "message": problem})
        notification_id = str(uuid.uuid4())
        self.server.requests.append(
            {"path": self.path, "json": payload, "id": notification_id, "kind": kind}
        )
        return 201, {
            "id": notification_id,
            "reference": payload.get("reference"),
            "content": {"body": payload.get("personalisation", {}).get("body", "")},
            "uri": f"{self.server.url}/v2/notifications/{notification_id}",
            "template": {"id": payload["template_id"], "version": 1, "uri": ""},
        }

    def check_token(self):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return "Unauthorized: authentication token must be provided"
        token = header.removeprefix("Bearer ")
        try:
            headers = jwt.get_unverified_header(token)
            claims = jwt.decode(
                token,
                key=self.server.secret,
                algorithms=["HS256"],
                options={"verify_iat": False},
            )
        except jwt.InvalidTokenError:
            return "Invalid token: signature, api token not found"
        if headers.get("alg") != "HS256":
            return "Invalid token: algorithm used is not HS256"
        if claims.get("iss") != self.server.service_id:
            return "Invalid token: service not found"
        iat = claims.get("iat")
        if not isinstance(iat, int) or abs(time.time() - iat) > TOKEN_BOUND:
            return "Invalid token: expired, check that your system clock is accurate"
        return ""

    def check_payload(self, kind, payload):
        template_id = payload.get("template_id")
        if self.server.templates.get(template_id) != kind:
            return "template_id is not a valid UUID" if not template_id else "Template not found"
        personalisation = payload.get("personalisation") or {}
        if not isinstance(personalisation, dict):
            return "personalisation is not of type object"
        if "reference" in payload and not isinstance(payload["reference"], str):
            return "reference is not a string"
        if kind == "sms":
            number = re.sub(r"[\s\-()]", "", str(payload.get("phone_number", "")))
            if not UK_MOBILE.match(number):
                return "phone_number Not a UK mobile number"
        elif kind == "email":
            if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", str(payload.get("email_address", ""))):
                return "email_address Not a valid email address"
        else:
            lines = [str(personalisation.get(f"address_line_{n}", "")).strip() for n in range(1, 8)]
            given = [line for line in lines if line]
            extra = set(personalisation) - {f"address_line_{n}" for n in range(1, 8)}
            if any(key.startswith("address_line_") for key in extra):
                return "Address must be no more than 7 lines long"
            if len(given) < 3:
                return "Address must be at least 3 lines"
            if lines[: len(given)] != given:
                return "address_line_1 is a required property"
            if not POSTCODE.match(given[-1].upper()):
                return "Must be a real UK postcode"
        return ""


def start(templates):
    server = NotifyServer(str(uuid.uuid4()), str(uuid.uuid4()), templates)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.thread = thread
    return server


def stop(server):
    server.shutdown()
    server.server_close()
    server.thread.join()
