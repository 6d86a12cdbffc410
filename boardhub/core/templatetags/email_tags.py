"""Email addresses that wrap where a reader expects: `{{ address|breakable_email }}`.

A long address ("adult.social.care.enquiries@larkfield-council.example.org") would push a
320 px screen sideways, and CSS `overflow-wrap: anywhere` breaks it at any letter. GOV.UK's
way is a `<wbr>` (a place the line may break) after the @ and before each dot, so the address
wraps at sensible points and copies as typed.
"""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def breakable_email(address):
    """The address, escaped, with <wbr> after "@" and before each ".", "-" and "_"."""
    if not address:
        return ""
    html = escape(address).replace("@", "@<wbr>")  # escaping adds no "@", ".", "-" or "_"
    html = re.sub(r"(?<=[^@>])([._-])", r"<wbr>\1", html)
    return mark_safe(html)  # noqa: S308 - the address is escaped; only <wbr> is added
