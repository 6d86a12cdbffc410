"""The officers' views of whom the board speaks for: its make-up with the detailed groups and
the gaps ranked; recruitment, with where the gaps are beside what was done to reach people;
and who takes part. Every count is suppressed as on the public page."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from . import figures, recruitment
from .permissions import may_see_make_up

TABS = (
    ("representation_make_up", "Make-up and gaps"),
    ("representation_recruitment", "Recruitment"),
    ("representation_taking_part", "Taking part"),
)


def _render(request, template, title, context):
    context.update(
        threshold=figures.threshold(),
        header_title=title,
        page_title=title,
        tabs=TABS,
        current=request.resolver_match.url_name,
    )
    return TemplateResponse(request, f"representation/admin/{template}", context)


def officers_who_report(view):
    @wraps(view)
    def checked(request):
        if not may_see_make_up(request.user):
            raise PermissionDenied
        return view(request)

    return checked


@officers_who_report
def make_up(request):
    tables = figures.tables(detailed=True)
    context = {
        "tables": tables,
        "gaps": figures.ranked_gaps(tables)[:10],
        "members": tables[0].members,
        "trends": figures.quarterly_trends(),
    }
    return _render(request, "make_up.html", "Who is on the board", context)


@officers_who_report
def recruitment_view(request):
    total, sources = recruitment.by_source()
    __, events = recruitment.by_event()
    tables = figures.tables(detailed=False)
    context = {
        "total": total,
        "sources": sources,
        "events": events,
        "gaps": figures.ranked_gaps(tables)[:5],
        "recent_events": recruitment.recent_events(),
    }
    return _render(request, "recruitment.html", "Recruitment", context)


@officers_who_report
def taking_part(request):
    context = {
        "ways": recruitment.took_part_by_how(),
        "who": recruitment.who_takes_part(),
    }
    return _render(request, "taking_part.html", "Taking part", context)
