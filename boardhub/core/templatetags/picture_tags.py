from django import template

from boardhub.core.images import (
    DEFAULT_WIDTHS,
    images_in,
    picture_renditions,
    prefetch_renditions,
)

register = template.Library()


@register.simple_tag(name="picture_renditions")
def picture_renditions_tag(image, widths=DEFAULT_WIDTHS):
    """`{% picture_renditions image "300,600" as picture %}` in templates/includes/picture.html."""
    return picture_renditions(image, widths or DEFAULT_WIDTHS)


@register.simple_tag
def prefetch_stream_renditions(stream):
    """`{% prefetch_stream_renditions page.body %}` before a StreamField's blocks: one query
    for the renditions of all its pictures (boardhub.core.images.prefetch_renditions)."""
    prefetch_renditions(images_in(stream))
    return ""
