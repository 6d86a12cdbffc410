"""Download my data and delete my account. Every view works on the signed-in person only."""

from allauth.account.decorators import reauthentication_required
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from .erasure import erase_account
from .export import as_json, collect
from .forms import DeleteAccountForm
from .registry import Erase

# Nobody's data is kept in a browser's or a proxy's cache.
private = cache_control(private=True, no_store=True)
# Shown on the next page after the account is deleted (the person is signed out by then).
DELETED_SESSION_KEY = "privacy_account_deleted"


@require_GET
@login_required
@private
def index(request):
    return render(request, "privacy/index.html")


@require_GET
@login_required
@reauthentication_required
@private
def summary(request):
    sections = [section for section in collect(request.user) if section.records]
    return render(request, "privacy/summary.html", {"sections": sections})


@require_GET
@login_required
@reauthentication_required
@private
def download(request):
    response = HttpResponse(as_json(request.user), content_type="application/json; charset=utf-8")
    filename = f"boardhub-your-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
# Reading the page needs no password; deleting does. If it is asked for, allauth finishes
# the deletion once the person has entered it.
@reauthentication_required(allow_get=True)
@private
def delete(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        erase_account(request.user)
        logout(request)
        request.session[DELETED_SESSION_KEY] = True
        return redirect("privacy:deleted")
    stays = [
        section
        for section in collect(request.user)
        if section.records and section.link.erase is Erase.KEEP
    ]
    return render(request, "privacy/delete.html", {"form": form, "stays": stays})


@require_GET
@private
def deleted(request):
    if not request.session.pop(DELETED_SESSION_KEY, False):
        return redirect("/")
    return render(request, "privacy/deleted.html")
