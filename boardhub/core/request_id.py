"""A number for each request, so that an operator can follow one request through the logs.

RequestIdMiddleware gives every request an id (`request.id`): the one nginx sends in
X-Request-ID (site/deploy/nginx passes its `$request_id`), so nginx's access log and ours
agree, or a new one when there is none, or when what came is not a short plain token (a
client could send anything: it must not be able to put text of its own into our logs). The
id goes back in the X-Request-ID response header and on the 500 page ("quote this number"),
and RequestIdFilter adds it to every log record written while the request is handled
(`record.request_id`, "-" outside a request), through a context variable.
"""

import logging
import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
NO_REQUEST = "-"
# nginx's $request_id is 32 hex digits; allow any short token of letters, digits, - and _.
ACCEPTED = re.compile(r"[A-Za-z0-9_-]{8,64}")

current_request_id = ContextVar("current_request_id", default=NO_REQUEST)


def request_id_for(request):
    """The id nginx gave this request, if it is a sane one, else a new one."""
    incoming = request.headers.get(HEADER, "")
    if ACCEPTED.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that every line logged for the request carries the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_for(request)
        token = current_request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (it never drops one)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True
