"""How the reports group responses: by month, and by the services they are about."""

from datetime import date

# A consultation's responses are about each of its services; a "Tell us" response about the
# service it named.
SERVICE_FIELDS = ("page__consultationpage__services", "general__service")


def month_starts(first, last):
    """The first day of every month from `first`'s to `last`'s."""
    starts, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        starts.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return starts


def per_service(queryset, *also, **aggregates):
    """{(service pk, *the values of `also`): {aggregate name: value}} for the responses of
    `queryset`, the two ways a response is about a service added together: one grouped
    query for each way."""
    found = {}
    for field_name in SERVICE_FIELDS:
        rows = queryset.values(field_name, *also).annotate(**aggregates).order_by()
        for row in rows:
            key = (row[field_name], *(row[name] for name in also))
            if None in key:
                continue
            totals = found.setdefault(key, dict.fromkeys(aggregates, 0))
            for name in aggregates:
                totals[name] += row[name]
    return found
