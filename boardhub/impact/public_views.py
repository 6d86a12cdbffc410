"""What the public reads on the "you said, we did" page: the list of changes, one change, and
one service with its timeline. Only published changes (live rows), never a draft or a
revision, and never anything about the people whose responses shaped them: just a count.
"""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from boardhub.consultations.models import ConsultationPage
from boardhub.services.models import Service

from .filters import ChangeFilterForm
from .models import ChangeConsultation, ChangeFeedbackLink, ChangeRecord, ChangeService
from .pages import you_said_we_did_page

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
    """Give each change, and each service it changed, its address on `page`."""
    for change in changes:
        change.public_url = page.change_url(change.pk, request)
        for link in change.service_links.all():
            link.service.public_url = page.service_url(link.service.slug, request)
    return changes


def page_context(page, request):
    """What every template under `page` needs: the page, for the title, menu and userbar, and
    the breadcrumbs down to and including it (these routes are below it)."""
    return {
        "page": page,
        "self": page,
        "request": request,
        "breadcrumb_pages": page.get_ancestors(inclusive=True).filter(depth__gt=1),
    }


def index_context(page, request):
    """The list of changes: filtered by the GET form, a page of PER_PAGE at a time."""
    filter_form = ChangeFilterForm(request.GET or None)
    changes = Paginator(filter_form.filter(published_changes()), PER_PAGE).get_page(
        request.GET.get("page")
    )
    add_urls(page, changes, request)
    return {
        "filter_form": filter_form,
        "changes": changes,
        "is_filtered": filter_form.is_filtered,
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
    service = get_object_or_404(Service, slug=slug)
    changes = published_changes().filter(service_links__service=service)
    timeline = Paginator(changes, PER_PAGE).get_page(request.GET.get("page"))
    add_urls(page, timeline, request)
    context = page_context(page, request)
    context.update(
        service=service,
        changes=timeline,
        years=[(year, list(items)) for year, items in groupby(timeline, key=year_agreed)],
        totals={"changes": timeline.paginator.count, **shaping_totals(service)},
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


def running_totals():
    """Changes made, services they changed, and responses that shaped them: all published."""
    published = ChangeRecord.objects.published()
    # Services join at a row or two for each change, so they are counted in the same query;
    # responses, many to a change, are counted on their own.
    totals = published.aggregate(
        changes=Count("pk", distinct=True),
        services=Count("service_links__service", distinct=True),
    )
    totals["responses"] = (
        ChangeFeedbackLink.objects.filter(change__in=published)
        .order_by()
        .values("feedback")
        .distinct()
        .count()
    )
    return totals
