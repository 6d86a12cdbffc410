"""The error summary at the top of `main`, as GOV.UK places it, whichever form has the errors.

base.html calls `{% page_error_summary %}` first thing in `main`. It shows the summary of the
page's form with errors: `error_form` when a view names one (a page with more than one form,
such as a consultation with its "another format" form), else `form`. It then marks that form,
so that the form's own template (templates/forms/form.html and the forms that include
forms/error_summary.html) does not show the same summary a second time further down.
base.html's title starts with "Error: " for the same form.
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()


def form_with_errors(context):
    """The form whose errors the page is about, or None."""
    for name in ("error_form", "form"):
        form = context.get(name)
        if getattr(form, "errors", None):
            return form
    return None


@register.simple_tag(takes_context=True)
def page_error_summary(context):
    form = form_with_errors(context)
    if form is None or getattr(form, "error_summary_shown", False):
        return ""
    html = render_to_string("forms/error_summary.html", {"form": form})
    form.error_summary_shown = True
    return html


@register.simple_tag(takes_context=True)
def page_has_errors(context):
    """True when the page shows a form with errors (its title then starts "Error: ")."""
    return form_with_errors(context) is not None
