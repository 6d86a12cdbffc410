"""No request carries a character the database cannot store: NUL is taken out of everything.

PostgreSQL cannot store NUL (U+0000) in text or in jsonb ("A string literal cannot contain NUL
(0x00) characters"), and SQLite stops reading a search at one ("unterminated string"). Django's
form CharFields refuse it (ProhibitNullCharactersValidator), but much of what a request carries
never passes through one: consultation drafts are saved unchecked, search boxes and filters
are read straight from the query string, Wagtail's and allauth's views read their own, and the
address and the cookies (the session key is looked up in the database) are request data too.

So one middleware takes NUL out of the address, the cookies, the query string, the form data
and the names of uploaded files, before any other middleware or view reads them; and out of
the strings inside JSON, whether a JSON body or a form value that holds JSON (the rich text
editor's), together with the lone surrogates (U+D800 to U+DFFF) that only JSON's "\\ud800" can
make and that neither database can encode. (Django decodes everything else with
errors="replace", so no lone surrogate comes out of it.)

Removed rather than refused: no keyboard types NUL; it comes from pasted binary, broken
programs and probes, and carries nothing a person meant. Taking it out keeps every other
character they typed, so nothing is lost and a draft is still saved; and it works the same for
the views we cannot change (Wagtail's admin, allauth), where a refusal would need a message in
every one of their forms.

The form data is cleaned in process_view, after every middleware has set up the request (the
session, the signed-in person) and before the CSRF check reads it: reading it can find that too
much was sent, and boardhub.core.request_limits then needs that request to answer well.
"""

import json
import re

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import QueryDict

from . import request_limits

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# A JSON escape for NUL or for half of a surrogate pair, in a value that may hold JSON.
UNSTORABLE_JSON_ESCAPE = re.compile(r"\\u(?:0000|d[89a-f][0-9a-f]{2})", re.IGNORECASE)
JSON_CONTENT_TYPES = ("application/json",)
TOO_MUCH = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def storable(text):
    """`text` without the characters no database can store."""
    return UNSTORABLE.sub("", text)


def storable_value(value):
    """A value from a form or a query string, storable: a value holding JSON keeps its shape,
    with the strings inside it made storable; any other value loses its NUL characters."""
    if UNSTORABLE_JSON_ESCAPE.search(value):
        try:
            data = json.loads(value)
        except ValueError:
            pass  # not JSON: the six characters "\u0000" are text someone typed
        else:
            return json.dumps(storable_data(data), ensure_ascii=False)
    return storable(value)


def storable_data(data):
    """Decoded JSON with every string in it (keys too) made storable."""
    if isinstance(data, str):
        return storable(data)
    if isinstance(data, list):
        return [storable_data(item) for item in data]
    if isinstance(data, dict):
        return {storable(key): storable_data(value) for key, value in data.items()}
    return data


def needs_cleaning(value):
    return UNSTORABLE.search(value) is not None or UNSTORABLE_JSON_ESCAPE.search(value) is not None


def storable_query_dict(data):
    """`data` (request.GET or request.POST) itself when every key and value is storable, or an
    immutable copy with each made storable."""
    if not any(
        needs_cleaning(key) or any(needs_cleaning(value) for value in values)
        for key, values in data.lists()
    ):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(storable(key), [storable_value(value) for value in values])
    cleaned._mutable = False  # as Django hands it over: views that change it copy it first
    return cleaned


def clean_address_and_cookies(request):
    for name in ("path", "path_info"):
        setattr(request, name, storable(getattr(request, name)))
    request.META["PATH_INFO"] = storable(request.META.get("PATH_INFO", ""))
    if any(needs_cleaning(value) for value in request.COOKIES.values()):
        request.COOKIES = {name: storable(value) for name, value in request.COOKIES.items()}


def clean_json_body(request):
    """A JSON body with storable strings, for the views that read request.body themselves."""
    if request.content_type not in JSON_CONTENT_TYPES:
        return
    body = request.body.decode(request.encoding or "utf-8", errors="replace")
    cleaned = storable_value(body)
    if cleaned != body:
        request._body = cleaned.encode("utf-8")


class StorableTextMiddleware:
    """Take every character the database cannot store out of the request (see the module's
    docstring). Put it before the session middleware, which looks up the session cookie, and
    before the CSRF middleware, whose check is the first to read the form data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        clean_address_and_cookies(request)
        try:
            request.GET = storable_query_dict(request.GET)
        except TooManyFieldsSent as error:
            return request_limits.too_much_sent(request, error)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            request.POST = storable_query_dict(request.POST)
            clean_json_body(request)
        except TOO_MUCH as error:
            return request_limits.too_much_sent(request, error)
        for _name, uploads in request.FILES.lists():
            for upload in uploads:
                upload.name = storable(upload.name)
        return None
