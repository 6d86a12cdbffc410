"""Optional error reports to Sentry, with personal data taken out before anything is sent.

Production turns this on when SENTRY_DSN is set (start_sentry). The SDK is told to collect no
personal data (COLLECTED: no user, cookies, query string, request bodies, SQL parameters or
local variables, and only the headers in SAFE_HEADERS), and
every event then goes through scrub_event, which keeps what finds the fault and drops the
rest, whatever an integration or an upgrade of the SDK added:

- the request: its method and address (no query string), and only the headers in
  SAFE_HEADERS; never its body, cookies, query string or environment (the visitor's IP);
- the user: their id at most, never an email address, name or IP address;
- exceptions, log messages and breadcrumbs: email addresses taken out of every message;
  breadcrumbs keep no data (SQL parameters can hold answers);
- stack frames: no local variables;
- extra data: email addresses taken out.

The event gets the request id (boardhub.core.request_id) as a tag, so that the Sentry issue
and the request's log lines can be matched.
"""

import sentry_sdk

from .request_id import NO_REQUEST, current_request_id
from .scrubbing import without_email_addresses

SAFE_HEADERS = {"content-type", "content-length", "host", "x-request-id"}
SAFE_REQUEST_KEYS = {"method", "url", "headers"}
COLLECTED = {
    "user_info": False,
    "cookies": {"mode": "off"},
    "http_headers": {"request": {"mode": "allowlist", "terms": sorted(SAFE_HEADERS)}},
    "http_bodies": [],
    "url_query_params": {"mode": "off"},
    "graphql": {"document": False, "variables": False},
    "gen_ai": {"inputs": False, "outputs": False},
    "database_query_data": False,
    "queues": False,
    "stack_frame_variables": False,
}


def scrubbed_text(value):
    return without_email_addresses(value) if isinstance(value, str) else value


def scrubbed_data(value):
    """Strings anywhere in `value` (dicts, lists) without email addresses."""
    if isinstance(value, dict):
        return {key: scrubbed_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrubbed_data(item) for item in value]
    return scrubbed_text(value)


def scrub_request(request):
    kept = {key: value for key, value in request.items() if key in SAFE_REQUEST_KEYS}
    if "url" in kept:
        kept["url"] = scrubbed_text(kept["url"].split("?", 1)[0])
    headers = kept.get("headers") or {}
    kept["headers"] = {
        name: scrubbed_text(value)
        for name, value in headers.items()
        if name.lower() in SAFE_HEADERS
    }
    return kept


def scrub_frames(container):
    for frame in (container.get("stacktrace") or {}).get("frames") or []:
        frame.pop("vars", None)


def scrub_exceptions(event):
    for exception in (event.get("exception") or {}).get("values") or []:
        exception["value"] = scrubbed_text(exception.get("value"))
        scrub_frames(exception)
    for thread in (event.get("threads") or {}).get("values") or []:
        scrub_frames(thread)


def scrub_messages(event):
    if isinstance(event.get("message"), str):
        event["message"] = scrubbed_text(event["message"])
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        logentry["message"] = scrubbed_text(logentry.get("message"))
        logentry["formatted"] = scrubbed_text(logentry.get("formatted"))
        logentry.pop("params", None)  # the values put into the message: anything at all
    breadcrumbs = event.get("breadcrumbs")
    values = breadcrumbs.get("values", []) if isinstance(breadcrumbs, dict) else breadcrumbs or []
    for breadcrumb in values:
        breadcrumb["message"] = scrubbed_text(breadcrumb.get("message"))
        breadcrumb.pop("data", None)


def scrub_event(event, hint=None):
    """Sentry's before_send: the event with the personal data taken out (see the module)."""
    if "request" in event:
        event["request"] = scrub_request(event["request"])
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if "id" in user else {}
    scrub_exceptions(event)
    scrub_messages(event)
    if "extra" in event:
        event["extra"] = scrubbed_data(event["extra"])
    request_id = current_request_id.get()
    if request_id != NO_REQUEST:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def start_sentry(dsn, *, environment="production"):
    """Send uncaught errors (and logged errors) to Sentry, scrubbed."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        # What the SDK collects at all; sentry-sdk 2.75 replaces `send_default_pii=False`
        # (deprecated) with this. scrub_event still checks every event.
        data_collection=COLLECTED,
        max_request_body_size="never",
        before_send=scrub_event,
        # Errors only: no performance traces, which would carry every request's address.
        traces_sample_rate=0,
    )
