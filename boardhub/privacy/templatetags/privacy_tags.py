from django import template

from boardhub.privacy.erasure import display_name_for

register = template.Library()


@register.filter
def member_name(user):
    """`{{ feedback.member|member_name }}`: their name, or "A former board member"."""
    return display_name_for(user)
