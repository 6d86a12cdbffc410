"""Wagtail's chooser widgets (pages, snippets, images, documents) end with an inline <script>
written in Python (`BaseChooser.render`), not in a template we can override as we do for the
others (see templates/wagtailadmin/). Under our Content-Security-Policy that script would be
blocked and "Choose a page" would do nothing, so it gets this response's nonce.
"""

from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

from .templatetags.boardhub_csp import csp_nonce

SCRIPT = "<script>"


def render_with_nonce(render):
    def render_chooser(self, *args, **kwargs):
        html = render(self, *args, **kwargs)
        before, found, after = html.rpartition(SCRIPT)
        if not found:
            return html
        return mark_safe(f'{before}<script nonce="{csp_nonce()}">{after}')  # noqa: S308 - Wagtail's own output

    return render_chooser


def add_nonce_to_chooser_scripts():
    if not getattr(BaseChooser.render, "adds_nonce", False):
        BaseChooser.render = render_with_nonce(BaseChooser.render)
        BaseChooser.render.adds_nonce = True
