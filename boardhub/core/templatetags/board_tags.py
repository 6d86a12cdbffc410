"""The board's name: one source for every page and every email.

The name is the Wagtail Site's name (Settings, Sites, in the admin), so officers change it in
one place. "BoardHub" is the software's name, not the board's: the migration that creates the
site uses it as a placeholder, and while the site still has it (or no name) the public read
`settings.BOARDHUB_BOARD_NAME` instead, never "BoardHub".

Pages get `{{ board_name }}` from the context processor (boardhub.core.context_processors),
and emails, which may be rendered without a request, use `{% load board_tags %}{% board_name %}`.
"""

from django import template
from django.conf import settings
from wagtail.models import Site

register = template.Library()

SOFTWARE_NAME = "BoardHub"
FALLBACK_NAME = "Coproduction Board"


def name_of_board(request=None):
    """The board's name for this request's site, or the default site's without a request."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).only("site_name").first()
    return name_of_site(site)


def name_of_site(site):
    """The board's name for `site` (a Wagtail Site, or None), as name_of_board says."""
    name = (site.site_name if site else "").strip()
    if not name or name == SOFTWARE_NAME:
        return getattr(settings, "BOARDHUB_BOARD_NAME", "") or FALLBACK_NAME
    return name


@register.simple_tag(takes_context=True)
def board_name(context):
    if "board_name" in context:  # already worked out for this page
        return str(context["board_name"])
    return name_of_board(context.get("request"))


@register.filter
def mid_sentence(name):
    """A name as it reads inside a sentence: "Contact the board team", not "Contact The board
    team". Only a leading "The" changes; other names keep their capitals ("Contact Sam")."""
    name = str(name or "")
    if name.startswith("The ") and not name.isupper():
        return "the " + name[4:]
    return name
