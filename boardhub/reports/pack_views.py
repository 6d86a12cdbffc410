"""The evidence packs' pages in the admin: the packs kept, asking for a new one (its period
and a commentary for each section), a pack's progress while it is built, its downloads, and
deleting it. For feedback handlers, as the reports are. Asking for, downloading and deleting
a pack are each written to Wagtail's audit log."""

import uuid
from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail import log_actions
from wagtail.admin import messages

from boardhub.feedback import handling

from .models import EvidencePack, PackStatus
from .pack import SECTIONS
from .tasks import build_evidence_pack

REQUESTED = "boardhub.reports.pack_requested"
DOWNLOADED = "boardhub.reports.pack_downloaded"
DELETED = "boardhub.reports.pack_deleted"
LOG_ACTIONS = (
    (REQUESTED, "Ask for an evidence pack", "Evidence pack asked for"),
    (DOWNLOADED, "Download an evidence pack", "Evidence pack downloaded"),
    (DELETED, "Delete an evidence pack", "Evidence pack deleted"),
)
DOWNLOADS = {
    "pdf": ("pdf", "application/pdf"),
    "xlsx": ("spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("csv_bundle", "application/zip"),
}
COMMENTARY_HINT = (
    "Optional. A few sentences the inspector reads before this section's figures: what they "
    "show, and what the council did about them. 2,000 characters at most."
)


class PackForm(forms.ModelForm):
    class Meta:
        model = EvidencePack
        fields = ["first_day", "last_day", *(f"{key}_commentary" for key, __ in SECTIONS)]
        widgets = {
            # A date box reads and writes only this form, whatever the site's date format.
            "first_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "last_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{f"{key}_commentary": forms.Textarea(attrs={"rows": 4}) for key, __ in SECTIONS},
        }
        labels = {
            "first_day": "First day",
            "last_day": "Last day",
            **{f"{key}_commentary": f"Commentary: {title.lower()}" for key, title in SECTIONS},
        }
        help_texts = {
            "first_day": "For example, 2026-04-01.",
            "last_day": "For example, 2027-03-31.",
            **{f"{key}_commentary": COMMENTARY_HINT for key, __ in SECTIONS},
        }
        error_messages = {
            "first_day": {
                "required": "Enter the first day",
                "invalid": "Enter the first day as a date, for example 2026-04-01",
            },
            "last_day": {
                "required": "Enter the last day",
                "invalid": "Enter the last day as a date, for example 2027-03-31",
            },
            **{
                f"{key}_commentary": {
                    "max_length": "Write the commentary in 2,000 characters or fewer"
                }
                for key, __ in SECTIONS
            },
        }

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("first_day"), cleaned_data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The last day must be the same as or after the first day")
        if first and first > timezone.localdate():
            self.add_error("first_day", "The first day must be today or in the past")
        return cleaned_data


def _handlers_only(request):
    if not handling.can_handle_feedback(request.user):
        raise PermissionDenied


def _context(title, **more):
    return {"page_title": title, "header_title": title, **more}


def packs_view(request):
    _handlers_only(request)
    packs = EvidencePack.objects.select_related("requested_by")
    return TemplateResponse(
        request, "reports/pack/index.html", _context("Evidence packs", packs=packs)
    )


def new_pack_view(request):
    _handlers_only(request)
    if request.method == "POST":
        form = PackForm(request.POST)
        if form.is_valid():
            pack = _ask_for(form, request.user)
            return redirect("reports_pack", pk=pack.pk)
    else:
        today = timezone.localdate()
        form = PackForm(
            initial={
                "first_day": date(today.year - 1, today.month, 1),
                "last_day": today,
                "idempotency_key": uuid.uuid4(),
            }
        )
    errors = [
        (message, f"id_{name}" if name != "__all__" else "")
        for name, messages_ in form.errors.items()
        for message in messages_
    ]
    return TemplateResponse(
        request,
        "reports/pack/new.html",
        _context("Build an evidence pack", form=form, errors=errors, sections=SECTIONS),
    )


def _ask_for(form, user):
    """The pack for this press of the button: new, or the one it already asked for."""
    key = str(form.cleaned_data["idempotency_key"])
    try:
        with transaction.atomic():
            pack = form.save(commit=False)
            pack.requested_by, pack.idempotency_key = user, key
            pack.save()
            log_actions.log(pack, REQUESTED, user=user)
            transaction.on_commit(lambda: build_evidence_pack.enqueue(pack.pk))
    except IntegrityError:
        return EvidencePack.objects.get(idempotency_key=key)
    return pack


def pack_view(request, pk):
    _handlers_only(request)
    pack = get_object_or_404(EvidencePack.objects.select_related("requested_by"), pk=pk)
    return TemplateResponse(
        request,
        "reports/pack/pack.html",
        _context(
            str(pack), pack=pack, building=pack.status in (PackStatus.QUEUED, PackStatus.BUILDING)
        ),
    )


def download_view(request, pk, kind):
    _handlers_only(request)
    if kind not in DOWNLOADS:
        raise Http404
    pack = get_object_or_404(EvidencePack, pk=pk, status=PackStatus.READY)
    field_name, content_type = DOWNLOADS[kind]
    kept = getattr(pack, field_name)
    if not kept:
        raise Http404
    log_actions.log(pack, DOWNLOADED, user=request.user, data={"file": kind})
    return FileResponse(
        kept.open("rb"),
        as_attachment=True,
        filename=kept.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )


@require_POST
def retry_view(request, pk):
    _handlers_only(request)
    updated = EvidencePack.objects.filter(pk=pk, status=PackStatus.FAILED).update(
        status=PackStatus.QUEUED, error=""
    )
    if updated:
        transaction.on_commit(lambda: build_evidence_pack.enqueue(pk))
        messages.success(request, "Building the pack again.")
    return redirect("reports_pack", pk=pk)


def delete_view(request, pk):
    _handlers_only(request)
    pack = get_object_or_404(EvidencePack, pk=pk)
    if request.method != "POST":
        return TemplateResponse(
            request, "reports/pack/delete.html", _context(f"Delete the {pack}", pack=pack)
        )
    with transaction.atomic():
        files = [(kept.storage, kept.name) for kept in pack.files.values()]
        log_actions.log(pack, DELETED, user=request.user)
        pack.delete()
        for storage, name in files:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    messages.success(request, f"The {pack} is deleted, with its files.")
    return redirect(reverse("reports_packs"))
