from django import template

register = template.Library()


@register.filter
def as_percent(share):
    """0.137 → 14: a share as a whole percentage."""
    return round(share * 100)


@register.filter
def as_gap(points):
    """A gap in percentage points, in words that do not need a minus sign to be read."""
    if points is None:
        return "not shown"
    if points == 0:
        return "the same"
    more_or_fewer = "more" if points > 0 else "fewer"
    return f"{abs(points)} points {more_or_fewer}"
