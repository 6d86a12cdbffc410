"""What impact adds to pages that other apps own (ARCHITECTURE.md: the upper app's template
tags, loaded in the lower app's template, so the Python imports still point down)."""

from django import template

from ..account_views import changes_made_by
from ..public_views import changes_from, home_page_changes

register = template.Library()


@register.inclusion_tag("impact/includes/what_it_changed.html", takes_context=True)
def what_it_changed(context, feedback):
    """On a member's page about one of their responses (boardhub.feedback.account_views): the
    published changes it shaped, or nothing when it has shaped none yet."""
    return {"changes_made": changes_made_by(context["request"], feedback)}


@register.simple_tag(takes_context=True)
def changes_from_consultation(context, consultation):
    """On a closed consultation's page (boardhub.consultations): the published changes it led
    to, each linked to its page when the site has a "you said, we did" page. Use it as
    `{% changes_from_consultation page as changes_made %}`."""
    return changes_from(consultation, context.get("request"))


@register.simple_tag(name="home_page_changes", takes_context=True)
def home_page_changes_tag(context):
    """On the home page (home/includes/board_changes.html): the latest published changes and
    the figures (public_views.change_figures), or nothing when there is nothing to show yet."""
    return home_page_changes(context["request"])
