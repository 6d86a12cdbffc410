from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts


class FrameAwareCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with frame-ancestors following X-Frame-Options.

    The site forbids framing (`frame-ancestors 'none'`, `X-Frame-Options: DENY`). Wagtail's
    preview views mark their responses `SAMEORIGIN` so the editor can show them in an iframe;
    modern browsers obey CSP over X-Frame-Options, so the policy must relax in step.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
