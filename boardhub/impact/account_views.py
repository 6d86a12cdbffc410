"""What a member's feedback changed, in their account area (/account/).

A third kind of page beside impact's other two, so a module of its own: views.py holds the
officers' admin pages for linking responses to changes, public_views.py the public "you said,
we did" record, which says only how many responses shaped a change. Here a signed-in member
sees which of their own responses shaped which published change, and what we told them about
it. Only their own links, so nothing says whose other feedback shaped the same change; and
only published changes, because a change not yet published may still change.
"""

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from .models import (
    ChangeFeedbackLink,
    ChangeRecord,
    ChangeService,
    public_change_url,
    you_said_we_did_page,
)
from .public_views import change_figures


def published_change_links(request, links):
    """Those of `links` that point at published changes, each with its change, the change's
    services and `public_url`."""
    services = ChangeService.objects.select_related("service").order_by("service__name")
    links = list(
        links.filter(change__live=True)
        .select_related("change")
        .prefetch_related(Prefetch("change__service_links", queryset=services))
    )
    for link in links:
        link.public_url = public_change_url(link.change, request)
    return links


def changes_made_by(request, feedback):
    """The published changes that one response shaped, the newest agreed first."""
    return published_change_links(
        request,
        ChangeFeedbackLink.objects.filter(feedback=feedback).order_by(
            "-change__agreed_on", "-change__pk"
        ),
    )


@login_required
def feedback_changes(request):
    """Each of the member's responses that shaped a published change, newest response first,
    with what it changed."""
    links = published_change_links(
        request,
        ChangeFeedbackLink.objects.filter(
            feedback__member=request.user, feedback__reference__isnull=False
        )
        .select_related("feedback__page")
        .order_by("-feedback__submit_time", "-feedback__pk", "-change__agreed_on", "-change__pk"),
    )
    responses = [
        {"feedback": feedback, "links": list(its_links)}
        for feedback, its_links in groupby(links, key=lambda link: link.feedback)
    ]
    # What the published changes the member's responses shaped are up to, in the words the
    # public pages use: one query.
    figures = change_figures(
        ChangeRecord.objects.published().filter(
            feedback_links__feedback__member=request.user,
            feedback_links__feedback__reference__isnull=False,
        )
    )
    return render(
        request,
        "impact/account/feedback_changes.html",
        {"responses": responses, "figures": figures, "record": you_said_we_did_page(request)},
    )
