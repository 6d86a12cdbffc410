from django import template

from boardhub.core.middleware import current_request

register = template.Library()


@register.simple_tag
def csp_nonce():
    """This response's CSP nonce, for the few inline scripts of Wagtail's admin.

    Works where no request is in the template context (form widgets render without one), by
    asking the middleware for the request being served. Using it adds the nonce to the header.
    """
    request = current_request.get()
    return getattr(request, "csp_nonce", "") if request is not None else ""
