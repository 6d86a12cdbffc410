"""The home page's sections, in the order a visitor reads them (issue 13):

1. What is open now: the consultations open to this visitor, soonest to close first, each
   with its closing date and a "Have your say" button.
2. The next board meeting this visitor may see, from boardhub.meetings, with a link to it
   and to every meeting; nothing when none is coming up.
3. What the board has changed, from boardhub.impact.
4. How to join the board, for visitors who are not signed in.

Each section is a function of the request that returns its HTML, or "" when it has nothing
to show (then the page leaves it out). home is the top layer, so it may read every app below
it (ARCHITECTURE.md); an app with a section writes the function, home puts it in order.

What is safe to cache: the page cache stores the home page only for visitors who are not
signed in (boardhub.core.page_cache), and keeps it no later than the next moment a
consultation opens or closes (consultations register those moments), so a consultation never
shows here after it closes. A signed-in visitor's page is never stored. A section that
differs by visitor differs only by whether they are signed in, and says so in its fragment's
key, so one visitor's section is never another's.
"""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.models import Page

from boardhub.consultations.models import Audience, ConsultationPage
from boardhub.core.fragments import shared_html, site_pk
from boardhub.meetings.home_section import next_meeting

# At most this many open consultations on the home page; the rest are a link away.
OPEN_ON_HOME_PAGE = 5


def open_consultations(request, home):
    """What is open now: the live, public consultations under `home` that are open, soonest to
    close first. Consultations for board members only show to people who are signed in;
    anyone else is told how many there are, and asked to sign in."""
    signed_in = request.user.is_authenticated

    def context():
        now = timezone.now()
        # The private sections, looked up once for both queries (Wagtail's public() looks
        # them up each time); then one query for the consultations, one for the index.
        private = Page.objects.all().private_q()
        found = list(
            ConsultationPage.objects.live()
            .exclude(private)
            .descendant_of(home)
            .filter(opens_at__lte=now, closes_at__gt=now)
            .order_by("closes_at", "pk")
        )
        shown = [c for c in found if signed_in or c.audience != Audience.MEMBERS]
        # The consultations' index and the "Tell us" page (boardhub.feedback: feedback about
        # any service, any time, for when nothing open fits), in one query.
        index = tell_us = None
        for child in (
            Page.objects.live()
            .exclude(private)
            .child_of(home)
            .filter(Q(consultationindexpage__isnull=False) | Q(telluspage__isnull=False))
            .annotate(is_tell_us=ExpressionWrapper(Q(telluspage__isnull=False), BooleanField()))
            .order_by("path")
        ):
            if child.is_tell_us:
                tell_us = tell_us or child
            else:
                index = index or child
        return {
            "consultations": shown[:OPEN_ON_HOME_PAGE],
            "more": len(shown) - OPEN_ON_HOME_PAGE,
            "members_only": len(found) - len(shown),
            "consultation_index": index,
            "tell_us": tell_us,
            "home": home,
        }

    # Live, public consultations only, and the same for everyone signed in, or everyone not:
    # shared, with whether the visitor is signed in in the key. Their status ("5 days left")
    # changes with time, so kept only until midnight or the next opening or closing.
    return shared_html(
        request,
        "home-open-consultations",
        (site_pk(request), home.pk, signed_in),
        "home/includes/open_consultations.html",
        context,
        time_sensitive=True,
    )


def changes(request, home):
    """What the board has changed: the latest changes and the figures, from impact's
    template tag (an app's views are its own: ARCHITECTURE.md)."""
    return render_to_string("home/includes/board_changes.html", {"request": request}, request)


def how_to_join(request, home):
    """How to join the board: for visitors who are not signed in (a member needs no asking)."""
    if request.user.is_authenticated:
        return ""
    return render_to_string("home/includes/how_to_join.html", {}, request)


# The order the home page shows them in.
SECTIONS = (
    open_consultations,
    next_meeting,
    changes,
    how_to_join,
)


def sections_for(request, home):
    """The HTML of each section with something to show, in order."""
    found = (section(request, home) for section in SECTIONS)
    return [mark_safe(html) for html in found if html.strip()]  # noqa: S308 - templates' own output
