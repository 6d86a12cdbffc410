from django import template

from boardhub.core.images import DEFAULT_WIDTHS, picture_renditions

register = template.Library()


@register.simple_tag(name="picture_renditions")
def picture_renditions_tag(image, widths=DEFAULT_WIDTHS):
    """`{% picture_renditions image "300,600" as picture %}` in templates/includes/picture.html."""
    return picture_renditions(image, widths or DEFAULT_WIDTHS)
