"""The public "Who is on the board" page, its easy-read version and its figures as CSV."""

import csv
import io

from django.http import HttpResponse
from django.template.response import TemplateResponse

from boardhub.core.charts import bar_chart
from boardhub.core.spreadsheets import neutralise
from boardhub.core.suppression import in_words

from . import figures


def who_is_on_the_board(page, request, *, easy_read=False):
    tables = figures.tables(detailed=False)
    context = page.get_context(request)
    context.update(
        tables=[shown(table, with_chart=not easy_read) for table in tables],
        threshold=figures.threshold(),
        members=tables[0].members,
        references=sorted({r for table in tables for r in table.references}, key=str),
    )
    template = "representation/easy_read.html" if easy_read else "representation/page.html"
    return TemplateResponse(request, template, context)


def shown(table, with_chart):
    """What the page shows of one table: its rows, its sentences and its chart."""
    return {
        "table": table,
        "sentences": figures.sentences(table),
        "easy_read": figures.easy_read_lines(table),
        "chart": chart(table) if with_chart and table.told_us.is_shown else None,
    }


def chart(table):
    name = table.characteristic.name
    series = [("Board members who told us", [row.board_percent for row in table.rows])]
    for number, reference in enumerate(table.references):
        series.append(
            (reference.name, [figures.percent(row.references[number][1]) for row in table.rows])
        )
    hidden = sum(1 for row in table.rows if not row.board.is_shown)
    description = (
        "The share of board members in each group, beside "
        + (", ".join(reference.name for reference in table.references) or "no population yet")
        + ". The table below gives the same figures."
        + (
            f" {hidden} of the board's figures are hidden to protect privacy: they have no bar."
            if hidden
            else ""
        )
    )
    return bar_chart(
        f"{name}: the board and the people it speaks for",
        description,
        [row.category.label for row in table.rows],
        series,
        maximum=100,
    )


def figures_csv(page, request):
    """The same figures as the page's tables, one row a group: the board's count (or why it
    is not shown), its share of members who told us, and each population's share."""
    tables = figures.tables(detailed=False)
    threshold = figures.threshold()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "question",
            "group",
            "board members",
            "board share (%)",
            "population",
            "population share (%)",
        ]
    )
    for table in tables:
        name = table.characteristic.name
        for row in table.rows:
            board = in_words(row.board, threshold)
            share = "" if row.board_percent is None else row.board_percent
            populations = row.references or [(None, None)]
            for reference, theirs in populations:
                writer.writerow(
                    [
                        neutralise(value)
                        for value in (
                            name,
                            row.category.label,
                            board,
                            share,
                            reference.name if reference else "",
                            "" if theirs is None else figures.percent(theirs),
                        )
                    ]
                )
        for label, figure in (
            ("Members who told us", table.told_us),
            ("Prefer not to say", table.prefer_not),
            ("Not answered", table.not_answered),
            ("All members", table.members),
        ):
            writer.writerow([name, label, in_words(figure, threshold), "", "", ""])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="who-is-on-the-board.csv"'
    return response
