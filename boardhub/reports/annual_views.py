"""The public "What the board did this year" page for one year, and its easy-read version."""

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse

from boardhub.core.charts import bar_chart
from boardhub.core.suppression import in_words

from .annual import the_year, years_with_something


def annual_report(page, request, year, *, easy_read=False):
    years = years_with_something()
    if year not in years:
        raise Http404("No year of the board's work to show here.")
    figures = the_year(year)
    threshold = settings.BOARDHUB_SMALL_NUMBER_THRESHOLD
    context = page.get_context(request)
    context.update(
        figures=figures,
        year=year,
        threshold=threshold,
        responses=in_words(figures.responses, threshold),
        consultations=[
            (consultation, in_words(answers, threshold))
            for consultation, answers in figures.consultations
        ],
        channels=[(label, in_words(count, threshold)) for label, count in figures.channels],
        channels_chart=None if easy_read else _channels_chart(figures, year),
        other_years=[(other, page.year_url(other)) for other in years if other != year],
        full_url=page.year_url(year),
        easy_read_url=page.year_url(year, easy_read=True),
    )
    template = "reports/annual/easy_read.html" if easy_read else "reports/annual/page.html"
    return TemplateResponse(request, template, context)


def _channels_chart(figures, year):
    if not figures.responses.is_shown or not figures.channels:
        return None
    hidden = sum(1 for __, count in figures.channels if not count.is_shown)
    return bar_chart(
        f"How people told us, {year}",
        "How many responses reached the council each way."
        + (
            f" {hidden} small figures are hidden to protect privacy: they have no bar."
            if hidden
            else ""
        )
        + " The same figures are in the table below.",
        [label for label, __ in figures.channels],
        [
            (
                "Responses",
                [count.count if count.is_shown else None for __, count in figures.channels],
            )
        ],
        unit="",
    )
