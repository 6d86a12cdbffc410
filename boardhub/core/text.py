"""The one way BoardHub shows free text that people typed: escaped, with its line breaks kept
and web addresses made into safe links. bleach is behind this module and nowhere else
(bleach only gets security fixes now; nh3 could replace it here alone)."""

import re

import bleach
from bleach.linkifier import Linker
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"a", "p", "br"}
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"


def _safe_links_only(attrs, new=False):
    """bleach linkify callback: keep http, https and mailto links, with a safe rel."""
    href = attrs.get((None, "href"), "")
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    if scheme not in ALLOWED_PROTOCOLS:
        return None  # leave the text as text
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_linker = Linker(callbacks=[_safe_links_only], parse_email=True)


# Text that bleach would hand back unchanged: nothing to escape, no character its HTML parser
# rewrites (carriage returns, control characters), no "@" that could start an email address
# and no "." followed by a letter or digit, which every web address bleach links must have
# (its URL pattern needs a domain such as "example.org"). Most of what people type is like
# this, and bleach, which parses each text three times, was most of the time a list of
# changes took to show; such text skips it (tests/core/test_text.py checks both ways agree).
NEEDS_BLEACH = re.compile(r"[<>&@\x00-\x08\x0b-\x1f\x7f]|\.\w")


def plain_text_to_html(text):
    """Free text as safe HTML: every tag escaped, paragraphs and line breaks kept, and
    http, https and email addresses made into links with rel="nofollow noopener"."""
    if not text:
        return ""
    text = str(text)
    if NEEDS_BLEACH.search(text) is None:
        # What bleach_to_html gives for such text, without parsing it three times: nothing
        # in it can become markup or a link, and linebreaks adds only <p> and <br>.
        return mark_safe(linebreaks(text, autoescape=False))  # noqa: S308 - see NEEDS_BLEACH
    return bleach_to_html(text)


def bleach_to_html(text):
    """plain_text_to_html the long way, for any text: through bleach."""
    escaped = bleach.clean(text, tags=set(), strip=False)
    linked = _linker.linkify(escaped)
    with_breaks = linebreaks(linked, autoescape=False)
    # A final pass with a strict allow-list, so nothing but these tags can ever get out.
    return mark_safe(  # noqa: S308 - cleaned by bleach with a strict allow-list just here
        bleach.clean(
            with_breaks,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
        )
    )
