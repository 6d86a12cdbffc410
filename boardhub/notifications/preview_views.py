"""The officers' preview, "Messages we send": every message type, and each one in plain words
and in easy read, on each channel (email, text message, letter), rendered from its made-up
sample (messages.MessageType.sample_context), so no real person's details ever show here.

For the feedback groups and superusers (the "contact by hand" permission, which migration
0002 gives those groups). The HTML email is shown in a sandboxed frame from its own address,
as an email program would show it: its inline styles are allowed there and nowhere else.
"""

from urllib.parse import urlsplit

from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import messages
from .permissions import can_contact_by_hand

CHANNELS = (
    ("email", "Email"),
    ("text_message", "Text message"),
    ("letter", "Letter"),
)
VARIANTS = (("plain", "Plain words"), ("easy_read", "Easy read"))


def can_preview_messages(user):
    return can_contact_by_hand(user)


def require_preview_permission(user):
    if not can_preview_messages(user):
        raise PermissionDenied


def message_type_or_404(key):
    try:
        return messages.get(key)
    except LookupError:
        raise Http404("No such message") from None


def rendered(message_type, variant):
    return messages.render(
        message_type.key, message_type.sample_context(), easy_read=variant == "easy_read"
    )


class MessagesIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "notifications/admin/messages_index.html"
    page_title = "Messages we send"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        require_preview_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["message_types"] = [
            {
                "type": message_type,
                "url": reverse("messages_preview:detail", args=[message_type.key]),
            }
            for message_type in messages.message_types()
        ]
        return context


class MessagePreviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "notifications/admin/message_preview.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        require_preview_permission(request.user)
        self.message_type = message_type_or_404(kwargs["key"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.message_type.name

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("messages_preview:index"), "label": "Messages we send"},
            {"url": "", "label": self.message_type.name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        variants = []
        for variant, label in VARIANTS:
            words = rendered(self.message_type, variant)
            variants.append(
                {
                    "key": variant,
                    "label": label,
                    "rendered": words,
                    "email_url": reverse(
                        "messages_preview:email", args=[self.message_type.key, variant]
                    ),
                    "text_length": len(words.text_message),
                    "text_count": messages.text_message_count(words.text_message),
                }
            )
        context.update(
            message_type=self.message_type,
            variants=variants,
            text_limit=messages.TEXT_MESSAGE_LIMIT,
        )
        return context


def site_origin():
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


@xframe_options_sameorigin
def email_preview(request, key, variant):
    """The HTML email alone, for the preview's frame: no script may run in it, and its
    pictures come from the site's public address, as they do in the email."""
    require_preview_permission(request.user)
    if variant not in dict(VARIANTS):
        raise Http404("No such version")
    message_type = message_type_or_404(key)
    response = HttpResponse(rendered(message_type, variant).email_html)
    policy = {
        "default-src": ["'none'"],
        "style-src": ["'unsafe-inline'"],
        "img-src": [SELF, *filter(None, [site_origin()])],
        "script-src": ["'none'"],
        "frame-ancestors": [SELF],
    }
    return csp_replace(policy)(lambda request: response)(request)
