from django import template
from django.utils.safestring import mark_safe

from boardhub.core.fragments import shared

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, time_sensitive):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts
        self.time_sensitive = time_sensitive

    def render(self, context):
        name = self.name.resolve(context)
        parts = tuple(part.resolve(context) for part in self.parts)
        html = shared(
            context.get("request"),
            f"template:{name}",
            parts,
            lambda: str(self.nodelist.render(context)),
            time_sensitive=self.time_sensitive,
        )
        return mark_safe(html)  # noqa: S308 - the template's own output, escaped as it rendered


@register.tag
def shared_fragment(parser, token):
    """Render what is inside once for everyone, and keep it in the shared cache until the
    public content changes (boardhub.core.fragments says when that is safe):

        {% shared_fragment "name" what it depends on... [time_sensitive] %}
            ...only public content: nothing about the reader, no form with a CSRF token...
        {% endshared_fragment %}

    Pass everything the output depends on besides published content (the site, the query
    string), as strings or numbers. `time_sensitive` keeps it no later than midnight or the
    next moment a consultation opens or closes.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name.")
    time_sensitive = bits[-1] == "time_sensitive"
    if time_sensitive:
        bits = bits[:-1]
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        time_sensitive,
    )


@register.simple_tag(takes_context=True)
def shared_form(context, form, name, *parts):
    """`{% shared_form form "name" what it depends on... %}`: `{{ form }}`, kept in the shared
    cache while the form is blank (not bound to anything posted, and with no answers filled
    in), when it is the same for everyone who sees it: the questions it asks. A form with
    someone's answers, or with errors, is rendered afresh each time. The CSRF token is never
    part of a form's own HTML (templates add it with {% csrf_token %}), so it is not kept."""
    if form.is_bound or form.initial:
        return form.render()
    html = shared(context.get("request"), f"form:{name}", parts, lambda: str(form.render()))
    return mark_safe(html)  # noqa: S308 - the form's own output, escaped as it rendered
