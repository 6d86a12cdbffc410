"""Building an evidence pack in the background, with its progress on the pack's row.

- Once: the task claims its pack with one conditional UPDATE (waiting -> being built), so the
  same task run twice builds it once; a claim left by a worker that died is taken over after
  STALE_CLAIM.
- All or nothing: the files are written only once every figure is counted and every file is
  drawn, and if saving any of them fails, those saved are deleted. A pack that failed keeps
  no half file, says so in plain words, and can be built again ("Try again").
"""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from . import pack_documents
from .models import EvidencePack, PackStatus
from .pack import sections

logger = logging.getLogger(__name__)

STALE_CLAIM = timedelta(minutes=15)
FAILED_WORDS = (
    "Something went wrong while building this pack, and nothing of it was kept. Try again. "
    "If it fails again, tell the person who looks after BoardHub."
)


def claim(pack_id):
    now = timezone.now()
    waiting = Q(status=PackStatus.QUEUED) | Q(
        status=PackStatus.BUILDING, claimed_at__lt=now - STALE_CLAIM
    )
    return bool(
        EvidencePack.objects.filter(waiting, pk=pack_id).update(
            status=PackStatus.BUILDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
            progress=0,
            step="Starting",
            error="",
        )
    )


def show_progress(pack_id, words, percent):
    EvidencePack.objects.filter(pk=pack_id).update(step=words, progress=percent)


@task()
def build_evidence_pack(pack_id):
    if not claim(pack_id):
        return {"built": False, "why": "already built or being built"}
    pack = EvidencePack.objects.select_related("requested_by").get(pk=pack_id)
    try:
        files = draw(pack)
        keep(pack, files)
    except Exception:
        logger.exception("Evidence pack %s could not be built", pack_id)
        EvidencePack.objects.filter(pk=pack_id).update(
            status=PackStatus.FAILED, error=FAILED_WORDS, step="", progress=0
        )
        return {"built": False, "why": "failed"}
    return {"built": True}


def draw(pack):
    """{field name: (file name, bytes)} of every file of the pack, in memory."""

    def step(words, percent):
        show_progress(pack.pk, words, percent)

    built = sections(pack, step)
    stem = f"evidence-pack-{pack.first_day}-to-{pack.last_day}"
    step("Writing the PDF", 70)
    files = {"pdf": (f"{stem}.pdf", pack_documents.pdf(pack, built))}
    step("Writing the spreadsheets", 90)
    files["spreadsheet"] = (f"{stem}.xlsx", pack_documents.spreadsheet(built))
    files["csv_bundle"] = (f"{stem}-csv.zip", pack_documents.csv_bundle(built))
    return files


def keep(pack, files):
    """Save the files and mark the pack ready, or save nothing."""
    saved = []
    try:
        for name, (file_name, content) in files.items():
            field = getattr(pack, name)
            field.save(file_name, ContentFile(content), save=False)
            saved.append((field.storage, field.name))
        with transaction.atomic():
            pack.status, pack.progress, pack.step = PackStatus.READY, 100, ""
            pack.built_at = timezone.now()
            pack.save(update_fields=[*files, "status", "progress", "step", "built_at"])
    except Exception:
        for storage, name in saved:
            storage.delete(name)
        raise
