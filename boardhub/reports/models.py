"""The evidence pack, a document for an inspector built in the background for a period; and
the public page "What the board did this year".

A pack's files (the PDF and the spreadsheets) are kept in the "private" storage, which no
web server serves: the one way to them is the download view, which checks permission and
writes each download to the audit log. A pack is kept until an officer deletes it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class PackStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be built"
    BUILDING = "building", "Being built"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be built"


# Each status's tag colour (templates/includes/status_tag.html); the words are its label.
STATUS_TAG_COLOURS = {
    PackStatus.QUEUED: "grey",
    PackStatus.BUILDING: "blue",
    PackStatus.READY: "green",
    PackStatus.FAILED: "red",
}


def pack_path(pack, filename):
    return f"evidence-packs/{pack.key}/{filename}"


class EvidencePack(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_day = models.DateField("from")
    last_day = models.DateField("to")
    # The officer's own words before each section (pack.SECTIONS names them).
    learning_commentary = models.TextField("learning from feedback", max_length=2000, blank=True)
    changes_commentary = models.TextField(
        "what changed because of feedback", max_length=2000, blank=True
    )
    coproduction_commentary = models.TextField("coproduction", max_length=2000, blank=True)
    reach_commentary = models.TextField("whom the board reaches", max_length=2000, blank=True)

    status = models.CharField(max_length=10, choices=PackStatus.choices, default=PackStatus.QUEUED)
    step = models.CharField("what is being done", max_length=100, blank=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent built.")
    error = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to=pack_path, storage=private_storage, blank=True)
    spreadsheet = models.FileField(upload_to=pack_path, storage=private_storage, blank=True)
    csv_bundle = models.FileField(upload_to=pack_path, storage=private_storage, blank=True)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    built_at = models.DateTimeField(null=True, blank=True)
    # One pack for one press of "Build the pack", however many times it is sent.
    idempotency_key = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "evidence pack"

    def __str__(self):
        return f"Evidence pack, {self.period_words}"

    @property
    def period_words(self):
        return f"{self.first_day:%-d %B %Y} to {self.last_day:%-d %B %Y}"

    @property
    def tag_colour(self):
        return STATUS_TAG_COLOURS[self.status]

    @property
    def files(self):
        """The pack's files that exist, by name."""
        return {
            name: getattr(self, name)
            for name in ("pdf", "spreadsheet", "csv_bundle")
            if getattr(self, name)
        }


class AnnualReportPage(RoutablePageMixin, Page):
    """The public "What the board did this year": a page for each year (this year's at the
    page's own address), each with an easy-read version. Public data only (reports.annual)."""

    intro = RichTextField(
        blank=True,
        features=["bold", "link", "ul"],
        help_text="A few plain sentences: what the board is, and what this page shows.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "“What the board did this year” page"

    @path("")
    def this_year_route(self, request):
        from .annual_views import annual_report  # reads every app's figures: when served

        return annual_report(self, request, timezone.localdate().year)

    @path("easy-read/")
    def this_year_easy_read_route(self, request):
        from .annual_views import annual_report

        return annual_report(self, request, timezone.localdate().year, easy_read=True)

    @path("<int:year>/")
    def year_route(self, request, year):
        from .annual_views import annual_report

        return annual_report(self, request, year)

    @path("<int:year>/easy-read/")
    def year_easy_read_route(self, request, year):
        from .annual_views import annual_report

        return annual_report(self, request, year, easy_read=True)

    def year_url(self, year, easy_read=False):
        suffix = "easy-read/" if easy_read else ""
        if year == timezone.localdate().year:
            return self.url + suffix
        return f"{self.url}{year}/{suffix}"
