"""A plain "nothing was saved" page when the database cannot be reached or gives up.

PostgreSQL may be down, may drop the connection in the middle of a request, or may cancel a
query that ran past the statement timeout (DATABASE_STATEMENT_TIMEOUT_MS; psycopg's
QueryCanceled is an OperationalError). In each case the request's transaction was rolled
back, so nothing was saved, and trying again soon is the right thing to do: the page says so,
with status 503 and Retry-After, instead of the 500 page's "there is a problem".

The error may come from a view or from the middleware around it: loading a signed-in
person's session needs the database too. Django turns either into a 500 response at the
layer that raised it, so the middleware below cannot catch the exception itself; it learns of
it from the got_request_exception signal, which Django sends while handling the exception,
and swaps the 500 page for this one. Django has already logged the error, with its traceback,
at ERROR (the django.request logger).

Views that can do better catch DatabaseError themselves and never raise it: sending answers to
a consultation shows the answers again with its own "nothing was saved" page
(in the consultations app's views).
"""

import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30
# The page is made outside the middleware that sets the site's usual policy, so it carries
# its own: the stylesheet and nothing else.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)

# The last resort, for when even the template cannot render.
PLAIN_PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    "<title>Sorry, something went wrong</title></head><body><main>"
    "<h1>Sorry, something went wrong</h1><p>Nothing was saved.</p>"
    "<p>Please try again in a few minutes.</p></main></body></html>"
)


def database_unavailable_page():
    # Rendered without a request, so no context processor runs: they may need the database.
    try:
        content = loader.get_template("503.html").render()
    except Exception:  # any failure here must still produce a page
        content = PLAIN_PAGE
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Never kept by a cache: the page must go as soon as the database is back.
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


def note_database_error(sender, request=None, **kwargs):
    error = sys.exc_info()[1]  # sent from inside Django's `except` block
    if request is not None and isinstance(error, OperationalError | InterfaceError):
        request.database_unavailable = True


got_request_exception.connect(note_database_error, dispatch_uid="boardhub.db_errors")


class DatabaseUnavailableMiddleware:
    """Serve the 503 page for any request that failed because of the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "database_unavailable", False):
            return database_unavailable_page()
        return response
