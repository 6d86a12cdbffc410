"""When someone sends more than the server takes, they are told so in plain words, and what fits
is kept.

Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE (RequestDataTooBig), more than
DATA_UPLOAD_MAX_NUMBER_FIELDS fields (TooManyFieldsSent) or more than
DATA_UPLOAD_MAX_NUMBER_FILES files (TooManyFilesSent). Left alone, each becomes a bare
"400 Bad Request" and everything the person typed is gone. boardhub.core.typed_text, which is
the first to read the form data, hands each of these to `too_much_sent`, which:

- keeps what fits: for a form sent the usual way (application/x-www-form-urlencoded), the
  fields within the limit, less the last one if the limit cut it in two, so no field that fit
  is lost and none is kept half-sent. A multipart body (with files) has already been read
  past by Django's parser, so nothing of it can be kept;
- asks the pages registered with `register_what_fits` (an app's AppConfig.ready()) whether
  this request is for one of their forms, which then shows the form again with what was kept
  (a consultation's answers do: show_what_fits, in the consultations app's views). Nothing is
  saved from a request cut short: the page only shows it again to be sent again;
- otherwise serves a page in the site's design that says the limit, with status 413.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse, QueryDict
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict

from . import typed_text
from .db_errors import CONTENT_SECURITY_POLICY

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
TEMPLATE = "errors/too_much_sent.html"

# Pages that can show their form again with what fits: callables taking the request and the
# TooMuchSent, returning a response, or None when the request is not for their form.
what_fits_pages = []


def register_what_fits(show_what_fits):
    if show_what_fits not in what_fits_pages:
        what_fits_pages.append(show_what_fits)


@dataclass
class TooMuchSent:
    """What was over the limit, in words, and what was kept of what was sent."""

    problem: str  # "What you sent was too long: more than 2.5 MB."
    advice: str  # what to do about it
    kept: QueryDict = field(default_factory=QueryDict)

    @property
    def kept_anything(self):
        return bool(self.kept)

    def message(self):
        """One paragraph for the top of a form shown again with what was kept."""
        kept = "We kept what we could below." if self.kept_anything else "We could not keep it."
        return f"{self.problem} {kept} {self.advice}"


def describe(error):
    if isinstance(error, RequestDataTooBig):
        size = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return (
            f"What you sent was too long: more than {size}.",
            "Shorten your answer and send it again.",
        )
    if isinstance(error, TooManyFieldsSent):
        return (
            "What you sent had too many parts: more than "
            f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}.",
            "Send fewer answers at once, then send the rest.",
        )
    return (
        f"You sent too many files at once: more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES:,}.",
        "Send them a few at a time.",
    )


def fields_that_fit(request, error):
    """The start of a form body that fits within the limits, cut after its last whole field."""
    if request.method != "POST" or request.content_type != FORM_CONTENT_TYPE:
        return b""
    if isinstance(error, TooManyFieldsSent):
        return b"&".join(request.body.split(b"&")[: settings.DATA_UPLOAD_MAX_NUMBER_FIELDS])
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    # Django stops before reading a body whose Content-Length is over the limit; one it could
    # measure first (a seekable stream, or the bytes it read of a body that said less than it
    # sent) it has wound to the end, so wind it back.
    if getattr(request._stream, "seekable", lambda: False)():
        request._stream.seek(0)
    start = request.read(limit + 1)
    if len(start) <= limit:
        return start
    if start[limit : limit + 1] == b"&":  # the limit fell just after a whole field
        return start[:limit]
    return start[: max(start[:limit].rfind(b"&"), 0)]


def kept_data(request, error):
    body = fields_that_fit(request, error)
    return typed_text.storable_query_dict(QueryDict(body, encoding="utf-8"))


def too_much_sent(request, error):
    """The response to a request over one of Django's limits (see the module's docstring)."""
    problem, advice = describe(error)
    too_much = TooMuchSent(problem, advice, kept_data(request, error))
    request.POST = too_much.kept
    request._files = MultiValueDict()
    request.too_much_sent = too_much
    for show_what_fits in what_fits_pages:
        response = show_what_fits(request, too_much)
        if response is not None:
            return response
    return too_much_sent_page(too_much)


def too_much_sent_page(too_much):
    """The page in the site's own error frame: it needs neither the database nor a signed-in
    person, as a request may be refused before either is looked up."""
    content = loader.render_to_string(TEMPLATE, {"too_much": too_much})
    response = HttpResponse(content, status=413)
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response
