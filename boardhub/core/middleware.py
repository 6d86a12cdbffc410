from contextvars import ContextVar

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

# The request being served, for template code that has no request in its context.
current_request = ContextVar("current_request", default=None)


class BoardHubCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with two additions.

    - frame-ancestors follows X-Frame-Options. The site forbids framing (`'none'`, `DENY`), but
      Wagtail's preview views mark their responses `SAMEORIGIN` so the editor can show them in
      an iframe; browsers obey CSP over X-Frame-Options, so the policy must relax in step.
    - The request is published in `current_request` while it is served, so that the
      `{% csp_nonce %}` tag can give Wagtail's widget templates a nonce.
    """

    def process_request(self, request):
        super().process_request(request)
        request._current_request_token = current_request.set(request)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        token = getattr(request, "_current_request_token", None)
        if token is not None:
            current_request.reset(token)
        return response

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` (settings.PERMISSIONS_POLICY) with every response, so that
    the browser refuses the powerful features BoardHub never uses (camera, microphone,
    location and the rest) to the site itself and to anything that ever got into a page.

    Each feature maps to the origins allowed to use it: `[]` is nobody, `["self"]` the site.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


def permissions_policy_header(policy):
    """`{"camera": [], "fullscreen": ["self"]}` as `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())
