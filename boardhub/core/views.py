from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from . import reader_preferences as prefs

SEARCH_RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("query", "").strip()[:200]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page_number = request.GET.get("page", 1)
    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    return render(
        request,
        "core/search.html",
        # The page's own box is the one search box: the header leaves its own out.
        {"query": query, "results": paginator.get_page(page_number), "own_search_box": True},
    )


class ReaderPreferencesForm(forms.Form):
    text_size = forms.ChoiceField(
        label="Text size",
        choices=[("standard", "Standard text"), ("large", "Larger text")],
        widget=forms.RadioSelect,
    )
    contrast = forms.ChoiceField(
        label="Colours",
        choices=[("standard", "Standard colours"), ("high", "High contrast")],
        widget=forms.RadioSelect,
        help_text="High contrast uses white and yellow text on a black background.",
    )


FIELD_COOKIES = {"text_size": prefs.TEXT_SIZE_COOKIE, "contrast": prefs.CONTRAST_COOKIE}


# The only effect of this form is a cosmetic cookie, so a forged post can do no harm; leaving out
# the CSRF token keeps every public page free of per-visitor tokens, and so cacheable.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def reader_preferences(request):
    """Change text size and colours. A plain form post, so it works without JavaScript.

    The header's buttons post one preference at a time; this page's form posts both.
    """
    if request.method == "GET":
        current = prefs.ReaderPreferences.from_request(request)
        initial = {
            "text_size": "large" if current.large_text else "standard",
            "contrast": "high" if current.high_contrast else "standard",
        }
        form = ReaderPreferencesForm(initial=initial)
        return render(request, "core/reader_preferences.html", {"form": form})

    response = redirect(_safe_next(request))
    for field, cookie in FIELD_COOKIES.items():
        prefs.store(response, cookie, request.POST.get(field))
    messages.success(request, "We have saved how you want the site to look.")
    return response


def _safe_next(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "reader_preferences"


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


# The last resort, for when even the 500 template cannot render (say, static files were never
# collected): a person must still be told what happened.
PLAIN_SERVER_ERROR = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    "<title>Sorry, there is a problem with the service</title></head><body><main>"
    "<h1>Sorry, there is a problem with the service</h1><p>Please try again later.</p>"
    "</main></body></html>"
)


def server_error(request):
    # Rendered without context processors: whatever broke may be the database they need.
    # The request id (boardhub.core.request_id) lets whoever the visitor tells find the error.
    try:
        content = loader.get_template("500.html").render({"request_id": getattr(request, "id", "")})
    except Exception:  # any failure here must still produce a page
        content = PLAIN_SERVER_ERROR
    return HttpResponseServerError(content)
