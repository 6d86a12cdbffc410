"""The public meeting pages: the index and its calendar feed, each meeting's page, its `.ics`
file, and a member's answer to "Are you coming?".

Everything a page shows about one person (their answer, their support requests, the link to
join online) is shown only to that person, signed in; such a page carries their session and is
never stored by the page cache (boardhub.core.page_cache).
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page, Site

from boardhub.core.links import absolute_url

from . import calendar, rsvp
from .forms import RSVPForm
from .models import RSVP, Action, Answer, Audience, MeetingIndexPage, MeetingPage

FEED_MONTHS_BACK = 12


def visible_meetings(index, user):
    """The live meetings under `index` that `user` may see, with their venues."""
    meetings = MeetingPage.objects.child_of(index).live().select_related("venue")
    if not user.is_authenticated:
        meetings = meetings.filter(audience=Audience.PUBLIC)
    return meetings


def meeting_index(page, request):
    """Upcoming meetings, then one year of past ones (the latest, or ?year=), with links to
    the other years: a board of many years lists a year at a time."""
    now = timezone.now()
    meetings = visible_meetings(page, request.user)
    upcoming = list(meetings.filter(ends_at__gte=now).order_by("starts_at"))
    past = meetings.filter(ends_at__lt=now)
    # Years in the site's time zone (Europe/London), as every date on the site is.
    years = [day.year for day in past.dates("starts_at", "year", order="DESC")]
    year = chosen_year(request, years)
    context = page.get_context(request)
    context.update(
        upcoming=upcoming,
        past_year=year,
        past=list(past.filter(starts_at__year=year).order_by("-starts_at")) if year else [],
        other_years=[other for other in years if other != year],
    )
    return TemplateResponse(request, "meetings/meeting_index_page.html", context)


def chosen_year(request, years):
    """The year asked for (?year=) if it has past meetings, else the latest that has."""
    asked = request.GET.get("year", "")
    if asked.isdigit() and int(asked) in years:
        return int(asked)
    return years[0] if years else None


def calendar_response(text, filename, attachment):
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def calendar_feed(page, request):
    """Every public meeting from a year ago on: a feed to subscribe to, the same for all."""
    since = timezone.now() - timedelta(days=31 * FEED_MONTHS_BACK)
    meetings = (
        MeetingPage.objects.child_of(page)
        .live()
        .filter(audience=Audience.PUBLIC, ends_at__gte=since)
        .select_related("venue")
        .order_by("starts_at")
    )
    text = calendar.calendar(meetings, absolute_url(""), page.title)
    return calendar_response(text, "board-meetings.ics", attachment=False)


def needs_sign_in(meeting, request):
    return meeting.audience == Audience.MEMBERS and not request.user.is_authenticated


def meeting_ics(meeting, request):
    if needs_sign_in(meeting, request):
        return redirect_to_login(meeting.get_url(request))
    text = calendar.calendar([meeting], absolute_url(""), meeting.title)
    return calendar_response(text, f"{meeting.slug}.ics", attachment=True)


def who_came(meeting):
    """After the meeting: how many members came, the names of those who agreed to be named,
    and the guests by organisation. Two queries; None when neither is recorded."""
    if not meeting.is_over:
        return None
    came = list(
        RSVP.objects.filter(meeting=meeting, attended=True).values_list(
            "may_be_named", "member__first_name", "member__last_name", "member__display_name"
        )
    )
    guests = list(meeting.guests.all())
    if not came and not guests:
        return None
    named = sorted(
        " ".join(f"{first} {last}".split()) or display
        for may_be_named, first, last, display in came
        if may_be_named and (first or display)
    )
    return {"members": len(came), "named": named, "guests": guests}


def meeting_context(meeting, request, form=None):
    context = meeting.get_context(request)
    answer = rsvp.answer_of(meeting, request.user)
    refusal = rsvp.can_answer(meeting, request.user)
    if form is None and refusal is None:
        form = RSVPForm(meeting=meeting, initial=rsvp.initial_for(meeting, request.user, answer))
    actions = (
        Action.objects.filter(meeting=meeting)
        .select_related("owner")
        .prefetch_related("updates")
        .with_timeliness()
    )
    context.update(
        rsvp=answer,
        rsvp_form=form if refusal is None else None,
        joining_link=meeting.joining_link
        if answer is not None and answer.answer == Answer.ONLINE and not meeting.is_over
        else "",
        venue_facts=meeting.venue.access_facts() if meeting.venue_id else [],
        actions=actions,
        who_came=who_came(meeting),
    )
    return context


def meeting_page(meeting, request):
    if needs_sign_in(meeting, request):
        return redirect_to_login(meeting.get_url(request))
    return TemplateResponse(
        request, "meetings/meeting_page.html", meeting_context(meeting, request)
    )


def answer_rsvp(meeting, request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(meeting.get_url(request))
    form = RSVPForm(request.POST, meeting=meeting)
    if not form.is_valid():
        context = meeting_context(meeting, request, form=form)
        return TemplateResponse(request, "meetings/meeting_page.html", context, status=400)
    try:
        rsvp.save_answer(
            meeting,
            request.user,
            form.cleaned_data["answer"],
            form.cleaned_data["needs"],
            form.details(),
            form.cleaned_data.get("may_be_named", False),
        )
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect(meeting.get_url(request) + "#coming")
    messages.success(
        request, "Thank you. We have your answer. You can change it until the meeting."
    )
    return redirect(meeting.get_url(request) + "#coming")


def serve_calendar(request, page_path, name):
    """`<a meetings index>calendar.ics` and `<a meeting>meeting.ics`: Wagtail serves only
    addresses that end in a slash, so boardhub/urls.py routes these here."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    page = (
        Page.objects.live()
        .public()
        .filter(url_path=site.root_page.url_path + page_path)
        .specific()
        .first()
    )
    if name == "calendar" and isinstance(page, MeetingIndexPage):
        return calendar_feed(page, request)
    if name == "meeting" and isinstance(page, MeetingPage):
        return meeting_ics(page, request)
    raise Http404("There is no calendar here.")
