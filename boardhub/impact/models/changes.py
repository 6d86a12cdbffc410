""" "You said, we did": each change the council makes because of the board, recorded against the
services it changed and the consultations it came from.

A `ChangeRecord` is a snippet that goes through Wagtail's draft, review and publish workflow:
the public only ever sees the published (live) version, which is what the database row holds;
drafts live in revisions. Its services and consultations are part of the draft.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from boardhub.consultations.models import Feedback

from ..blocks import EvidenceBlock
from .feedback_links import ChangeFeedbackLink


class ChangeStatus(models.TextChoices):
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_POSSIBLE = "not_possible", "Not possible"


# Each status's tag colour (templates/includes/status_tag.html), the same on every page. The
# tag's words are the status's label.
STATUS_TAG_COLOURS = {
    ChangeStatus.AGREED: "blue",
    ChangeStatus.IN_PROGRESS: "yellow",
    ChangeStatus.DONE: "green",
    ChangeStatus.NOT_POSSIBLE: "red",
}


class ChangeRecordQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def with_response_counts(self):
        """Each record with `response_count`: how many responses shaped it. A subquery, so
        that filtering by service or consultation cannot multiply the count."""
        counts = (
            ChangeFeedbackLink.objects.filter(change=OuterRef("pk"))
            .order_by()
            .values("change")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            response_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0)
        )

    def shaped_by(self, feedback):
        """What did this response change? One query."""
        return self.filter(feedback_links__feedback=feedback)


class ChangeRecord(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """One change the council made, or agreed to make, because of what the board told it."""

    title = models.CharField(
        max_length=200,
        help_text="A short name for the change. For example: 'Evening home care visits'.",
    )
    you_said = models.TextField(
        "you said",
        max_length=2000,
        help_text=(
            "What we heard, in plain English. Do not name anyone, and do not copy what one "
            "person wrote unless they agreed: this is shown to everyone."
        ),
    )
    we_did = models.TextField(
        "we did",
        max_length=2000,
        help_text="What the council did, or is doing, because of it. In plain English.",
    )
    status = models.CharField(
        max_length=16, choices=ChangeStatus.choices, default=ChangeStatus.AGREED
    )
    not_possible_reason = models.TextField(
        "why it was not possible",
        max_length=2000,
        blank=True,
        help_text="Needed when the status is 'Not possible'. Shown to everyone.",
    )
    agreed_on = models.DateField("date agreed", default=timezone.localdate)
    done_on = models.DateField("date done", null=True, blank=True)
    evidence = StreamField(
        EvidenceBlock(),
        blank=True,
        help_text="Documents or web pages that show the change, such as a new leaflet.",
    )
    easy_read_summary = models.TextField(
        "easy read summary",
        max_length=1000,
        blank=True,
        help_text="Optional: the change in short, easy sentences, one idea in each.",
    )

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="change_record",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="change_record",
        for_concrete_model=False,
    )

    objects = ChangeRecordQuerySet.as_manager()

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("you_said"),
        index.SearchField("we_did"),
        index.FilterField("live"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-agreed_on", "-pk"]
        verbose_name = "change (you said, we did)"
        verbose_name_plural = "changes (you said, we did)"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.status == ChangeStatus.NOT_POSSIBLE and not self.not_possible_reason.strip():
            errors["not_possible_reason"] = (
                "Say why the change was not possible. Everyone who reads the record will see it."
            )
        if self.status == ChangeStatus.DONE and not self.done_on:
            errors["done_on"] = "Give the date the change was done."
        if self.done_on and self.agreed_on and self.done_on < self.agreed_on:
            errors["done_on"] = "The date done cannot be before the date agreed."
        if errors:
            raise ValidationError(errors)

    @property
    def tag_colour(self):
        return STATUS_TAG_COLOURS[self.status]

    def shaping_feedback(self):
        """What shaped this change? One query."""
        return Feedback.objects.filter(change_links__change=self)

    def get_preview_template(self, request, mode_name):
        return "impact/change_record_preview.html"


class ChangeService(models.Model):
    """A service a change record changed. Protected: a service that a change points at cannot
    be deleted, or the record would lose what it was about."""

    change = ParentalKey(ChangeRecord, on_delete=models.CASCADE, related_name="service_links")
    service = models.ForeignKey(
        "services.Service", on_delete=models.PROTECT, related_name="change_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["change", "service"], name="unique_change_service")
        ]
        verbose_name = "service it changed"

    def __str__(self):
        return str(self.service)


class ChangeConsultation(models.Model):
    """A consultation a change record came from. Protected, like services."""

    change = ParentalKey(ChangeRecord, on_delete=models.CASCADE, related_name="consultation_links")
    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.PROTECT, related_name="change_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["change", "consultation"], name="unique_change_consultation"
            )
        ]
        verbose_name = "consultation it came from"

    def __str__(self):
        return str(self.consultation)
