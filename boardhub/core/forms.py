from django.forms.renderers import TemplatesSetting


class BoardHubFormRenderer(TemplatesSetting):
    """Renders every Django form on the site with the GOV.UK-style templates in templates/forms/:
    an error summary first, then each field with its hint and error under the label, and
    radios and checkboxes grouped in a fieldset with a legend."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
