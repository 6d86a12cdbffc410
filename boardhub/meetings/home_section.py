"""The home page's "Next board meeting" section (home/sections.py puts it in order)."""

from django.utils import timezone

from boardhub.core.fragments import shared_html, site_pk

from .models import Audience, MeetingIndexPage, MeetingPage


def next_meeting(request, home):
    """The next live meeting this visitor may see, with a link to it and to all meetings;
    "" when there is none. Shared between visitors who are (or are not) signed in."""
    signed_in = request.user.is_authenticated

    def context():
        now = timezone.now()
        meetings = MeetingPage.objects.live().descendant_of(home).filter(ends_at__gt=now)
        if not signed_in:
            meetings = meetings.filter(audience=Audience.PUBLIC)
        meeting = meetings.select_related("venue").order_by("starts_at").first()
        index = MeetingIndexPage.objects.live().child_of(home).first() if meeting else None
        return {"meeting": meeting, "meeting_index": index}

    return shared_html(
        request,
        "home-next-meeting",
        (site_pk(request), home.pk, signed_in),
        "meetings/includes/next_meeting.html",
        context,
        time_sensitive=True,
    )
