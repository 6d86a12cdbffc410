from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ContentStreamBlock


class StandardPage(Page):
    """A general content page: about the board, the accessibility statement, privacy."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="One or two sentences that say what this page is about.",
    )
    body = StreamField(ContentStreamBlock(), blank=True, use_json_field=True)
    easy_read_page = models.ForeignKey(
        "easyread.EasyReadGuidePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="easy read version",
        help_text="Optional: the easy read guide with this information.",
    )

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("easy_read_page"),
    ]

    class Meta:
        verbose_name = "standard page"


@register_setting(icon="site")
class BoardSettings(BaseSiteSetting):
    """Who runs the site and how to reach them, shown in the footer."""

    council_name = models.CharField(max_length=120, default="Our council")
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    adult_social_care_phone = models.CharField(
        "adult social care phone number",
        max_length=40,
        blank=True,
        help_text=(
            "The council's number for reporting a worry that someone is at risk of harm. "
            "Every public form shows it, beside 999 for an emergency."
        ),
    )
    adult_social_care_hours = models.CharField(
        "when the line is open",
        max_length=200,
        blank=True,
        help_text=(
            'Optional, in plain words: for example "Monday to Friday, 9am to 5pm. '
            'At other times call 01632 960 111."'
        ),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("council_name"),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")], "Contact"),
        MultiFieldPanel(
            [FieldPanel("adult_social_care_phone"), FieldPanel("adult_social_care_hours")],
            "If someone is at risk",
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_page"), FieldPanel("privacy_page")], "Footer links"
        ),
    ]

    class Meta:
        verbose_name = "board settings"


class CreateFormClaim(models.Model):
    """The object that one "new page" or "new snippet" form in the admin has made.

    Wagtail's autosave makes the object on the form's first autosave, and the officer's own
    Save or Publish can reach the server before the browser has heard back: both then post
    to the create view. Each create form carries a random token; the first request to claim
    it makes the object, and every later one edits that object instead of making another
    (boardhub.core.autosave). No one is named here: the edit views check who may edit."""

    token = models.UUIDField(unique=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=255, blank=True)
    saved_by_officer = models.BooleanField(
        default=False,
        help_text="True once a Save or Publish (not an autosave) has reached the object.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.content_type} {self.object_id or '(not made yet)'}"


class TaskRetry(models.Model):
    """An officer's "Try again" of a background task that failed for good (an email the mail
    server refused, or one still failing after its last try): the failed task's record, and
    the new task queued in its place (boardhub.core.failed_tasks).

    One row per failed task, made in the transaction that queues the new task: a second
    "Try again" of the same failure (a double click, two officers at once) finds the row and
    queues nothing, so nobody is emailed twice. Who pressed it is in the admin's history
    (a log entry), not here, so this row names no one."""

    failed_task = models.OneToOneField(
        "django_tasks_database.DBTaskResult", on_delete=models.CASCADE, related_name="retry"
    )
    new_task_id = models.UUIDField(null=True, blank=True)
    retried_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "try again of a failed task"
        verbose_name_plural = "tries again of failed tasks"
        default_permissions = ()
        permissions = [
            (
                "retry_failed_task",
                "Can see background tasks that failed (emails not sent) and try them again",
            )
        ]

    def __str__(self):
        return f"Background task {self.failed_task_id}"
