"""What the public reads on the "you said, we did" page: the list of changes, one change, and
one service with its timeline. Only published changes (live rows), never a draft or a
revision, and never anything about the people whose responses shaped them: just a count.
"""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from boardhub.consultations.models import ConsultationPage
from boardhub.core.fragments import shared, shared_html, site_pk
from boardhub.core.templatetags.navigation_tags import breadcrumb_links
from boardhub.services.models import Service

from .filters import ChangeFilterForm, filter_choices
from .models import (
    ChangeConsultation,
    ChangeRecord,
    ChangeService,
    ChangeStatus,
    you_said_we_did_page,
)

PER_PAGE = 20


def published_changes():
    """Published changes, newest first, each with its response count and its services."""
    return (
        ChangeRecord.objects.published()
        .with_response_counts()
        .prefetch_related(
            Prefetch(
                "service_links",
                queryset=ChangeService.objects.select_related("service").order_by("service__name"),
            )
        )
    )


def public_consultation_links():
    """Links to the consultations a change came from, leaving out any the public cannot see."""
    return (
        ChangeConsultation.objects.filter(consultation__in=ConsultationPage.objects.live().public())
        .select_related("consultation")
        .order_by("consultation__title")
    )


def add_urls(page, changes, request):
    """Give each change, and each service it changed, its address on `page` (whose own address
    is worked out once)."""
    page_url = page.get_url(request)
    for change in changes:
        change.public_url = page_url + page.reverse_subpage("change", args=[change.pk])
        for link in change.service_links.all():
            link.service.public_url = page_url + page.reverse_subpage(
                "service", args=[link.service.slug]
            )
    return changes


def page_context(page, request):
    """What every template under `page` needs: the page, for the title, menu and userbar, and
    the breadcrumbs down to and including it (these routes are below it)."""
    return {
        "page": page,
        "self": page,
        "request": request,
        "breadcrumb_pages": breadcrumb_links(request, page, inclusive=True),
    }


def index_context(page, request):
    """The list of changes: filtered by the GET form, a page of PER_PAGE at a time."""
    # The services and years with a published change: the same for everyone, and costly to
    # find among thousands of changes, so shared until the next change is published.
    choices = shared(request, "change-filter-choices", (), filter_choices)
    filter_form = ChangeFilterForm(request.GET or None, choices=choices)
    filter_form.is_valid()
    is_filtered = filter_form.is_filtered

    def listing():
        changes = Paginator(filter_form.filter(published_changes()), PER_PAGE).get_page(
            request.GET.get("page")
        )
        add_urls(page, changes, request)
        return {"changes": changes, "is_filtered": is_filtered}

    return {
        "figures": shared_figures(request),
        "filter_form": filter_form,
        # Published changes only, and the same for everyone who asks with the same query
        # string (its page links keep it), so shared.
        "change_listing": shared_html(
            request,
            "change-listing",
            (site_pk(request), page.pk, request.GET.urlencode()),
            "impact/includes/change_listing.html",
            listing,
        ),
        "is_filtered": is_filtered,
        "open_data_csv_url": page.open_data_url("csv", request),
        "open_data_json_url": page.open_data_url("json", request),
    }


def change_page(page, request, pk):
    changes = published_changes().prefetch_related(
        Prefetch("consultation_links", queryset=public_consultation_links())
    )
    change = get_object_or_404(changes, pk=pk)
    add_urls(page, [change], request)
    context = page_context(page, request)
    context["change"] = change
    return TemplateResponse(request, "impact/change_record.html", context)


def service_page(page, request, slug):
    service = get_object_or_404(Service.objects.select_related("easy_read_guide"), slug=slug)

    def timeline():
        changes = published_changes().filter(service_links__service=service)
        timeline = Paginator(changes, PER_PAGE).get_page(request.GET.get("page"))
        add_urls(page, timeline, request)
        return {
            "changes": timeline,
            "years": [(year, list(items)) for year, items in groupby(timeline, key=year_agreed)],
            # What the service's changes are up to, the responses that shaped them and the
            # public consultations they came from, each counted once: one query.
            "totals": change_figures(
                ChangeRecord.objects.published().filter(service_links__service=service),
                consultations=True,
            ),
        }

    context = page_context(page, request)
    context.update(
        service=service,
        # Published changes and counts only, the same for everyone who asks with the same
        # query string (its page links keep it), so shared.
        timeline=shared_html(
            request,
            "service-timeline",
            (site_pk(request), page.pk, service.pk, request.GET.urlencode()),
            "impact/includes/service_timeline.html",
            timeline,
        ),
        index_url=page.get_url(request),
    )
    return TemplateResponse(request, "impact/service.html", context)


def year_agreed(change):
    return change.agreed_on.year


def changes_from(consultation, request):
    """The published changes `consultation` led to, linked to their pages when the site has a
    "you said, we did" page."""
    changes = list(published_changes().filter(consultation_links__consultation=consultation))
    page = you_said_we_did_page(request)
    if page is not None:
        add_urls(page, changes, request)
    return changes


LATEST_ON_HOME_PAGE = 3


def home_page_context(request):
    """The latest changes and the figures (change_figures) for the home page; nothing when the
    site has no "you said, we did" page or nothing is published yet."""
    page = you_said_we_did_page(request)
    if page is None:
        return {}
    latest = list(published_changes()[:LATEST_ON_HOME_PAGE])
    if not latest:
        return {}
    return {
        "you_said_we_did_page": page,
        "latest_changes": add_urls(page, latest, request),
        "change_totals": shared_figures(request),
    }


def home_page_changes(request):
    """The home page's "What the board has changed" section as HTML, or "" when there is
    nothing to show. Published changes and counts only, the same for everyone: shared."""

    def render():
        context = home_page_context(request)
        if not context:
            return ""
        return render_to_string("impact/includes/home_page_changes.html", context, request)

    # The running totals count 50,000 links to responses: this runs once for each publish.
    html = shared(request, "home-page-changes", (site_pk(request),), render)
    return mark_safe(html)  # noqa: S308 - a template's own output, escaped as it rendered


def change_figures(changes, *, services=False, consultations=False):
    """How many of `changes` (published change records) are done, in progress, agreed and not
    started, and not possible; and how many responses shaped them. Optionally, how many
    services the changes done changed, and how many public consultations they came from.

    Each figure counts only what its words say (issue 13): "changes made" are the changes
    done, never those agreed or in progress, and never one that was not possible. Responses
    and consultations are counted once each, however many changes they shaped. One aggregate
    query: COUNT(DISTINCT) over the joins, so the joins multiplying rows cannot change a count.
    """
    done = Q(status=ChangeStatus.DONE)
    counts = {
        "done": Count("pk", filter=done, distinct=True),
        "in_progress": Count("pk", filter=Q(status=ChangeStatus.IN_PROGRESS), distinct=True),
        "agreed": Count("pk", filter=Q(status=ChangeStatus.AGREED), distinct=True),
        "not_possible": Count("pk", filter=Q(status=ChangeStatus.NOT_POSSIBLE), distinct=True),
        "responses": Count("feedback_links__feedback", distinct=True),
    }
    if services:
        counts["services"] = Count("service_links__service", filter=done, distinct=True)
    if consultations:
        counts["consultations"] = Count(
            "consultation_links__consultation",
            filter=Q(consultation_links__consultation__in=ConsultationPage.objects.live().public()),
            distinct=True,
        )
    figures = changes.order_by().aggregate(**counts)
    figures["changes"] = sum(figures[status] for status in ChangeStatus.values)
    return figures


def shared_figures(request):
    """running_totals(), shared: the same for everyone, and worked out once for each publish
    (the home page and the "you said, we did" page show the same figures)."""
    return shared(request, "change-figures", (), running_totals)


def running_totals():
    """The figures for every published change, with the services the changes done changed."""
    return change_figures(ChangeRecord.objects.published(), services=True)
