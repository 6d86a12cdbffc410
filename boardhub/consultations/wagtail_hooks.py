from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import FormatRequest
from .viewsets import FormatRequestViewSet, format_request_permission_policy

# Before anything asks Wagtail for this model's policy (see wagtail.permissions).
register_permission_policy(FormatRequest, format_request_permission_policy)


@hooks.register("register_admin_viewset")
def register_format_request_viewset():
    return FormatRequestViewSet()
