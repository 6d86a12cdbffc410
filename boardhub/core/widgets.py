"""Form widgets that give the same HTML as Django's own, faster."""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe


def as_string(value):
    """`{{ value|stringformat:'s' }}`, escaped as a template escapes it (not at all when
    `value` was marked safe)."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else escape(text)


def attributes_html(attrs):
    """What django/forms/widgets/attrs.html gives for `attrs`."""
    html = []
    for name, value in attrs.items():
        if value is False:
            continue
        html.append(f" {conditional_escape(name)}")
        if value is not True:
            html.append(f'="{as_string(value)}"')
    return "".join(html)


class Select(forms.Select):
    """Django's <select>, written out in Python: the HTML of django/forms/widgets/select.html
    and select_option.html, character for character, without rendering a template for each
    option. A list of 200 services was most of the time a filter form took to show
    (tests/core/test_widgets.py compares the two). Named Select, so that a field's
    `widget_type` is still "select"."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"']
        html.append(attributes_html(widget["attrs"]))
        html.append(">")
        for group_name, options, __ in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{as_string(option["value"])}"'
                    f"{attributes_html(option['attrs'])}>{conditional_escape(option['label'])}"
                    "</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")  # form renderers strip the template's last newline
        return mark_safe("".join(html))  # noqa: S308 - every value above is escaped
