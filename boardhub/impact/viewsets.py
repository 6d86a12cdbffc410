"""Change records ("you said, we did") in Wagtail's admin: the listing, the form in plain
English, the responses linked to each change, and an edit view that never lets one officer's
save silently replace another's."""

import django_filters
from django import forms
from django.db import transaction
from django.db.models import Q
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    Panel,
)
from wagtail.admin.templatetags.wagtailadmin_tags import user_display_name
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Revision
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from boardhub.consultations.models import ConsultationPage
from boardhub.core.autosave import AutosaveSafeSnippetCreateMixin
from boardhub.feedback import handling
from boardhub.services.models import Service

from . import linking
from .models import ChangeFeedbackLink, ChangeRecord, ChangeStatus
from .views import LinkResponsesView, UnlinkResponseView

# The name of the new change's "Save as a draft and choose responses" button: saving is then
# the one step before choosing (SaveThenLinkMixin), not a separate errand.
SAVE_THEN_LINK = "save-then-link"


class SaveThenLinkMixin:
    """After the officer saves with "Save as a draft and choose responses", go on to choose
    the responses that shaped the change, rather than back to its form."""

    def get_success_url(self):
        saved = getattr(self, "object", None)
        if (
            SAVE_THEN_LINK in self.request.POST
            and saved is not None
            and saved.pk
            and linking.can_link_responses(self.request.user)
        ):
            return reverse("wagtailsnippets_impact_changerecord:link", args=[saved.pk])
        return super().get_success_url()


class LinkedResponsesPanel(Panel):
    """The responses that shaped this change, with links to add more or take one off.

    Officers who cannot read feedback see only how many there are."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "impact/admin/linked_responses_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            change = self.instance
            user = self.request.user
            context["change"] = change
            context["can_link"] = linking.can_link_responses(user)
            context["save_then_link"] = SAVE_THEN_LINK
            if not change.pk:
                return context
            links = ChangeFeedbackLink.objects.filter(change=change)
            context["total"] = links.count()
            if context["can_link"]:
                visible = handling.feedback_for_user(user)
                context["links"] = [
                    (link, reverse("wagtailsnippets_impact_changerecord:unlink", args=[link.pk]))
                    for link in links.filter(feedback__in=visible).select_related("feedback__page")
                ]
                context["hidden_count"] = context["total"] - len(context["links"])
                context["link_url"] = reverse(
                    "wagtailsnippets_impact_changerecord:link", args=[change.pk]
                )
            return context


STALE_SAVE_MESSAGE = (
    "{who} saved this change after you opened it, so we have not saved your changes. "
    "What you typed is still in the form below. Check the history to see what they changed. "
    "If you save again, your version will replace theirs."
)


class ChangeRecordEditView(SaveThenLinkMixin, EditView):
    """Wagtail refuses an autosave made from an old version; this refuses any save made from
    one, keeping what the officer typed, so two officers editing at once lose nothing.

    Only someone else's save counts: the officer's own autosaves make new versions too, and
    the form they then save by hand still names the version it was opened on."""

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            self.read_latest_revision_again()
            return super().post(request, *args, **kwargs)

    def read_latest_revision_again(self):
        """The latest revision as it is now, with the record locked until this save ends: a
        save that finished since this view loaded the record must count, and none may
        finish in between."""
        latest_id = (
            ChangeRecord.objects.select_for_update()
            .filter(pk=self.live_object.pk)
            .values_list("latest_revision_id", flat=True)
            .get()
        )
        self.latest_revision = Revision.objects.filter(pk=latest_id).first()
        self.__dict__.pop("latest_revision_created_at", None)
        self.__dict__.pop("is_out_of_date", None)

    def is_valid(self, form):
        valid = super().is_valid(form)  # checked anyway, so that the form's own errors show
        if self.expects_json_response or not self.is_out_of_date:
            return valid
        saved_by_others = self.versions_saved_since_opened().exclude(user=self.request.user)
        if not saved_by_others.exists():
            return valid
        self.produced_error_code = "invalid_revision"
        self.produced_error_message = STALE_SAVE_MESSAGE.format(
            who=user_display_name(saved_by_others.latest("created_at").user) or "Someone else"
        )
        return False

    def versions_saved_since_opened(self):
        """The versions made after the form was opened, and the one it was opened on if an
        autosave has overwritten it since."""
        post = self.request.POST
        loaded_id = post.get("loaded_revision_id", "")
        loaded_at = parse_datetime(post.get("loaded_revision_created_at", ""))
        revisions = self.live_object.revisions
        if not loaded_id.isdigit() or loaded_at is None:
            return revisions.all()
        return revisions.filter(
            Q(pk__gt=int(loaded_id)) | Q(pk=int(loaded_id), created_at__gt=loaded_at)
        )


class ChangeRecordCreateView(SaveThenLinkMixin, AutosaveSafeSnippetCreateMixin, CreateView):
    """Makes one change record per "new change" form, however its autosave and the officer's
    own Save arrive (see boardhub.core.autosave); "Save as a draft and choose responses" goes
    on to choosing them."""


class ChangeRecordFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="Status", choices=ChangeStatus.choices)
    service = django_filters.ModelChoiceFilter(
        label="Service",
        field_name="service_links__service",
        queryset=Service.objects.order_by("name"),
    )
    live = django_filters.BooleanFilter(
        label="Published",
        widget=forms.Select(choices=[("", "All"), ("true", "Published"), ("false", "Draft")]),
    )

    class Meta:
        model = ChangeRecord
        fields = []


class ChangeRecordViewSet(SnippetViewSet):
    model = ChangeRecord
    menu_label = "You said, we did"
    icon = "tick-inverse"
    add_to_admin_menu = True
    menu_order = 260
    add_view_class = ChangeRecordCreateView
    edit_view_class = ChangeRecordEditView
    filterset_class = ChangeRecordFilterSet
    copy_view_enabled = False
    list_display = [
        "title",
        Column("status", label="Change status", accessor="get_status_display"),
        LiveStatusTagColumn(label="Published"),
        Column("response_count", label="Responses linked"),
        UpdatedAtColumn(),
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("you_said"),
        FieldPanel("we_did"),
        MultiFieldPanel(
            [
                FieldPanel("status", widget=forms.RadioSelect),
                FieldPanel("not_possible_reason"),
            ],
            heading="Where it has got to",
        ),
        FieldRowPanel([FieldPanel("agreed_on"), FieldPanel("done_on")], heading="Dates"),
        InlinePanel(
            "service_links",
            panels=[FieldPanel("service", widget=forms.Select)],
            heading="Services it changed",
            label="Service",
        ),
        InlinePanel(
            "consultation_links",
            panels=[
                FieldPanel(
                    "consultation", widget=AdminPageChooser(target_models=[ConsultationPage])
                )
            ],
            heading="Consultations it came from",
            label="Consultation",
        ),
        FieldPanel("evidence"),
        FieldPanel("easy_read_summary"),
        LinkedResponsesPanel(heading="Responses that shaped it"),
    ]

    def get_queryset(self, request):
        return ChangeRecord.objects.with_response_counts()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("link/<int:pk>/", LinkResponsesView.as_view(), name="link"),
            path("unlink/<int:link_pk>/", UnlinkResponseView.as_view(), name="unlink"),
        ]
