"""Every form renders GOV.UK style through the project's FORM_RENDERER."""

import re

from django import forms


class FeedbackForm(forms.Form):
    name = forms.CharField(label="Your name", help_text="As you would like us to say it.")
    contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=[("email", "Email"), ("phone", "Phone")],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(label="Anything else", required=False, widget=forms.Textarea)
    agree = forms.BooleanField(label="I agree to be contacted")

    def clean(self):
        raise forms.ValidationError("Check your answers and try again.")


def render_with_errors():
    form = FeedbackForm(data={"name": "", "comments": "Keep <b>this</b> text"})
    assert not form.is_valid()
    return str(form)


def test_the_error_summary_comes_first_and_links_to_each_field():
    html = render_with_errors()

    summary = html[: html.index("</ul>")]
    assert html.lstrip().startswith('<div class="error-summary"')
    assert "There is a problem" in summary
    assert "Check your answers and try again." in summary
    assert '<a href="#id_name">This field is required.</a>' in summary
    # Radios are linked at their first option, where focus can go.
    assert '<a href="#id_contact_0">This field is required.</a>' in summary
    assert '<a href="#id_agree">This field is required.</a>' in summary


def test_hint_and_error_sit_under_the_label_and_describe_the_control():
    html = render_with_errors()

    label = html.index('<label class="label" for="id_name">Your name</label>')
    hint = html.index('<div class="hint" id="id_name_helptext">As you would like us to say it.')
    error = html.index('<p class="error-message" id="id_name_error">')
    control = html.index('<input type="text" name="name"')
    assert label < hint < error < control
    name_input = re.search(r'<input type="text" name="name"[^>]*>', html).group()
    assert 'aria-invalid="true"' in name_input
    assert 'aria-describedby="id_name_helptext id_name_error"' in name_input


def test_radios_are_grouped_in_a_fieldset_with_a_legend():
    html = render_with_errors()

    fieldset = html[html.index("<fieldset") : html.index("</fieldset>")]
    assert '<legend class="fieldset__legend label">How should we contact you?</legend>' in fieldset
    assert 'aria-describedby="id_contact_error"' in fieldset
    assert 'type="radio" name="contact" value="email"' in fieldset


def test_what_the_person_typed_is_kept_and_escaped():
    html = render_with_errors()

    assert "Keep &lt;b&gt;this&lt;/b&gt; text</textarea>" in html
    assert "<b>this</b>" not in html


def test_optional_fields_say_so_and_required_ones_do_not():
    html = str(FeedbackForm())

    assert "Anything else (optional)</label>" in html
    assert "Your name</label>" in html
    assert "error-summary" not in html


def test_a_single_checkbox_puts_its_label_after_the_box():
    html = str(FeedbackForm())

    checkbox = html.index('<input type="checkbox" name="agree"')
    assert html.index('for="id_agree">I agree to be contacted</label>') > checkbox


class FilterForm(forms.Form):
    is_filter = True
    topic = forms.CharField(label="Topic", required=False)


def test_filter_forms_do_not_mark_fields_optional():
    assert "Topic</label>" in str(FilterForm())
