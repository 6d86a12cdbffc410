"""The one way BoardHub shows free text that people typed: escaped, with its line breaks kept
and web addresses made into safe links. bleach is behind this module and nowhere else
(bleach only gets security fixes now; nh3 could replace it here alone)."""

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


def plain_text_to_html(text):
    """Free text as safe HTML: every tag escaped, paragraphs and line breaks kept, and
    http, https and email addresses made into links with rel="nofollow noopener"."""
    if not text:
        return ""
    escaped = bleach.clean(str(text), tags=set(), strip=False)
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
