from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import preview_views
from .to_contact import DONE_ACTION, ToContactViewSet


@hooks.register("register_admin_viewset")
def register_to_contact_viewset():
    return ToContactViewSet()


@hooks.register("register_log_actions")
def register_to_contact_log_actions(actions):
    actions.register_action(DONE_ACTION, "Contact a person by hand", "Contacted by hand")


# "Messages we send": the officers' preview of every message (preview_views.py).


class MessagesWeSendMenuItem(MenuItem):
    def is_shown(self, request):
        return preview_views.can_preview_messages(request.user)


@hooks.register("register_admin_urls")
def register_messages_preview_urls():
    urls = [
        path("", preview_views.MessagesIndexView.as_view(), name="index"),
        path("<slug:key>/", preview_views.MessagePreviewView.as_view(), name="detail"),
        path(
            "<slug:key>/<slug:variant>/email/",
            preview_views.email_preview,
            name="email",
        ),
    ]
    return [path("messages-we-send/", include((urls, "messages_preview")))]


@hooks.register("register_admin_menu_item")
def register_messages_preview_menu_item():
    return MessagesWeSendMenuItem(
        "Messages we send",
        reverse("messages_preview:index"),
        name="messages-we-send",
        icon_name="mail",
        order=260,
    )
