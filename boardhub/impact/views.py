"""Officers' pages for linking responses to a change, and unlinking them, from the change's
side. (From the responses' side it is a bulk action: see bulk_actions.py.)

Only officers who may both read responses and change change records get in; responses
flagged for safeguarding appear only to those who may read them.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from boardhub.feedback import handling
from boardhub.feedback.tell_us import questions_by_page

from . import linking
from .forms import LinkResponsesForm, ResponseFilterForm
from .models import ChangeFeedbackLink, ChangeRecord

LIST_URL_NAME = "wagtailsnippets_impact_changerecord:list"
EDIT_URL_NAME = "wagtailsnippets_impact_changerecord:edit"
RESPONSES_PER_PAGE = 50


def change_edit_url(change):
    return reverse(EDIT_URL_NAME, args=[change.pk])


def linked_to_change_message(count, change):
    if count == 0:
        return f"Nothing changed: those responses were linked to “{change.title}” already."
    responses = "1 response" if count == 1 else f"{count} responses"
    message = f"{responses} linked to “{change.title}”."
    if not change.live:
        message += " The people who sent them will be told when the change is published."
    return message


class LinkingPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not linking.can_link_responses(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LinkResponsesView(LinkingPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Choose responses that shaped a change: filter, tick, add a note, link."""

    template_name = "impact/admin/link_responses.html"
    page_title = "Link responses"
    header_icon = "comment"

    @cached_property
    def change(self):
        return get_object_or_404(ChangeRecord, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.change.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(LIST_URL_NAME),
                "label": "You said, we did",
            },
            {"url": change_edit_url(self.change), "label": self.change.title},
            {"url": "", "label": "Link responses"},
        ]

    @cached_property
    def filter_form(self):
        return ResponseFilterForm(self.request.GET, change=self.change)

    @cached_property
    def visible_responses(self):
        return handling.feedback_for_user(self.request.user)

    def get_responses_page(self):
        already_linked = ChangeFeedbackLink.objects.filter(
            change=self.change, feedback=OuterRef("pk")
        )
        responses = (
            self.filter_form.filter(self.visible_responses)
            .select_related("page")
            .prefetch_related("theme_links__theme")
            .annotate(already_linked=Exists(already_linked))
            .order_by("-submit_time", "-pk")
        )
        page = Paginator(responses, RESPONSES_PER_PAGE).get_page(self.request.GET.get("p"))
        self.add_answers(page.object_list)
        return page

    def add_answers(self, responses):
        """Give each response on the page `answers`, its (question, answer) pairs, the
        unanswered left out, reading every question they answer in one query."""
        questions = questions_by_page(responses)  # and the "Tell us" page's
        for response in responses:
            answers = response.get_answers(questions.get(response.page_id, []))
            response.answers = [(question, answer) for question, answer in answers if answer]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            change=self.change,
            filter_form=self.filter_form,
            form=form or LinkResponsesForm(responses=self.visible_responses),
            chosen=set(self.request.POST.getlist("responses")),
            responses=self.get_responses_page(),
            filter_query=query.urlencode(),
            edit_url=change_edit_url(self.change),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = LinkResponsesForm(request.POST, responses=self.visible_responses)
        if not form.is_valid():
            context = self.get_context_data(form=form)
            return self.render_to_response(context, status=400)
        links = [
            linking.link(self.change, feedback, request.user, form.cleaned_data["note"])
            for feedback in form.cleaned_data["responses"]
        ]
        count = sum(made.is_new for made in links)
        messages.success(request, linked_to_change_message(count, self.change))
        return redirect(change_edit_url(self.change))


class UnlinkResponseView(LinkingPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Ask "are you sure?", then unlink a response from a change."""

    template_name = "impact/admin/unlink_response.html"
    page_title = "Unlink a response"
    header_icon = "comment"

    @cached_property
    def link(self):
        """Only a link to a response this officer may read."""
        return get_object_or_404(
            ChangeFeedbackLink.objects.select_related("change", "feedback__page").filter(
                feedback__in=handling.feedback_for_user(self.request.user)
            ),
            pk=self.kwargs["link_pk"],
        )

    def get_page_subtitle(self):
        return str(self.link.feedback)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(link=self.link, edit_url=change_edit_url(self.link.change))
        return context

    def post(self, request, *args, **kwargs):
        linking.unlink(self.link, request.user)
        messages.success(
            request, f"{self.link.feedback} is no longer linked to “{self.link.change.title}”."
        )
        return redirect(change_edit_url(self.link.change))


def refuse_deletion(request, name, changes):
    """The page that says why something cannot be deleted: the changes that point at it."""
    return TemplateResponse(
        request,
        "impact/admin/delete_refused.html",
        {
            "page_title": f"You cannot delete {name}",
            "header_title": f"You cannot delete {name}",
            "changes": [(change, change_edit_url(change)) for change in changes],
        },
        status=409 if request.method == "POST" else 200,
    )
