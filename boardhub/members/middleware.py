from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect

# Every page of Wagtail's admin: officers' tools and, later, people's feedback.
ADMIN_PATH_PREFIX = "/admin/"


def can_use_admin(user):
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


class RequireStaffTwoFactorMiddleware:
    """Officers and administrators see no admin page until they have set up two-factor
    authentication; they are sent to set it up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith(ADMIN_PATH_PREFIX)
            and user.is_authenticated
            and can_use_admin(user)
            and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
        ):
            messages.info(
                request,
                "Before you can use the officers' admin, set up two-factor authentication. "
                "It keeps people's feedback safe even if someone learns your password.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
