from django import template

from boardhub.core.text import plain_text_to_html

register = template.Library()


@register.filter
def plain_text(value):
    """Show what someone typed: `{{ answer|plain_text }}` (see boardhub/core/text.py)."""
    return plain_text_to_html(value)
