from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template import loader
from django.http import HttpResponseServerError
from django.utils.http import url_has_allowed_host_and_scheme
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
        {"query": query, "results": paginator.get_page(page_number)},
    )


class ReaderPreferencesForm(forms.Form):
    text_size = forms.ChoiceField(
        label="Text size",
        choices=[("standard", "Standard text"), ("large", "Larger text")],
        widget=forms.RadioSelect,
        required=False,
    )
    contrast = forms.ChoiceField(
        label="Colours",
        choices=[("standard", "Standard colours"), ("high", "High contrast")],
        widget=forms.RadioSelect,
        required=False,
        help_text="High contrast uses white text on a black background.",
    )


FIELD_COOKIES = {"text_size": prefs.TEXT_SIZE_COOKIE, "contrast": prefs.CONTRAST_COOKIE}


@require_http_methods(["GET", "POST"])
def reader_preferences(request):
    """Change text size and colours. Works as a plain form post, so no JavaScript is needed."""
    current = prefs.ReaderPreferences.from_request(request)
    initial = {
        "text_size": "large" if current.large_text else "standard",
        "contrast": "high" if current.high_contrast else "standard",
    }
    if request.method == "GET":
        return render(
            request, "core/reader_preferences.html", {"form": ReaderPreferencesForm(initial=initial)}
        )

    form = ReaderPreferencesForm(request.POST)
    form.is_valid()  # Every field is optional; unknown values are simply not applied.
    response = redirect(_safe_next(request))
    for field, cookie in FIELD_COOKIES.items():
        value = form.cleaned_data.get(field)
        if value:
            prefs.store(response, cookie, value)
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


def server_error(request):
    # Rendered without context processors: whatever broke may be the database they need.
    return HttpResponseServerError(loader.get_template("500.html").render())
