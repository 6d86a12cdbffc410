"""What the public reads on the "you said, we did" page: the list of changes, one change, and
one service with its timeline. Only published changes (live rows), never a draft or a
revision, and never anything about the people whose responses shaped them: just a count.
"""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
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
    ChangeFeedbackLink,
    ChangeRecord,
    ChangeService,
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
            "totals": {"changes": timeline.paginator.count, **shaping_totals(service)},
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


def shaping_totals(service):
    """How many responses shaped the service's published changes, and how many public
    consultations they came from (each counted once, however many changes it shaped)."""
    changes = ChangeRecord.objects.published().filter(service_links__service=service)
    return {
        "responses": ChangeFeedbackLink.objects.filter(change__in=changes)
        .order_by()
        .values("feedback")
        .distinct()
        .count(),
        "consultations": public_consultation_links()
        .filter(change__in=changes)
        .order_by()
        .values("consultation")
        .distinct()
        .count(),
    }


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
    """The latest changes and the running totals for the home page; nothing when the site has
    no "you said, we did" page or nothing is published yet."""
    page = you_said_we_did_page(request)
    if page is None:
        return {}
    latest = list(published_changes()[:LATEST_ON_HOME_PAGE])
    if not latest:
        return {}
    return {
        "you_said_we_did_page": page,
        "latest_changes": add_urls(page, latest, request),
        "change_totals": running_totals(),
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


def running_totals():
    """Changes made, services they changed, and responses that shaped them: all published."""
    published = ChangeRecord.objects.published()
    # Services join at a row or two for each change, so they are counted in the same query;
    # responses, many to a change, are counted on their own.
    totals = published.aggregate(
        changes=Count("pk", distinct=True),
        services=Count("service_links__service", distinct=True),
    )
    # COUNT(DISTINCT) over the join: PostgreSQL counts 50,000 links in about two thirds of the
    # time it takes for the DISTINCT subquery .distinct().count() writes. The home page shares
    # the totals (home_page_changes), so this runs once for each publish, not for each visit.
    totals.update(
        ChangeFeedbackLink.objects.filter(change__live=True).aggregate(
            responses=Count("feedback", distinct=True)
        )
    )
    return totals
