from datetime import timedelta

from allauth.account.forms import SignupForm
from allauth.core import context
from django import forms
from django.utils import timezone

from boardhub.core.widgets import Select
from boardhub.members.choices import ContactMethod, Format, LivedExperience
from boardhub.members.forms import EqualityMonitoringForm

from .invitations import invitation_in_session
from .models import EQUALITY_FIELDS, Application, HowHeard, OutreachEvent

EMAIL_FORMAT_ERROR = "Enter an email address in the correct format, like name@example.com"
# The honeypot: people never see it, so anything typed in it came from a program.
HONEYPOT_FIELD = "website"


class ApplicationForm(forms.ModelForm):
    """The public "Join the board" form."""

    name = forms.CharField(
        label="Your name",
        max_length=100,
        error_messages={"required": "Enter your name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your email address",
        help_text="We will use it to tell you about your application.",
        error_messages={"required": "Enter your email address", "invalid": EMAIL_FORMAT_ERROR},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Your phone number",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    contact_method = forms.ChoiceField(
        label="How would you like us to contact you?",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you would like us to contact you"},
    )
    lived_experience = forms.MultipleChoiceField(
        label="What do you bring to the board?",
        help_text="Choose all that are true for you.",
        choices=LivedExperience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the options given"},
    )
    support_needs = forms.CharField(
        label="What support do you need to take part?",
        help_text=(
            "For example, easy read papers, a British Sign Language interpreter, "
            "help with travel, or someone with you at meetings."
        ),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "Write 2,000 characters or fewer"},
    )
    formats = forms.MultipleChoiceField(
        label="Which formats work for you?",
        help_text="Choose all that help. We will send you papers and messages this way.",
        choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the options given"},
    )
    heard_from = forms.ModelChoiceField(
        label="How did you hear about the board?",
        queryset=HowHeard.objects.filter(in_use=True),
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": "Choose from the options given"},
    )
    outreach_event = forms.ModelChoiceField(
        label="Which of our events was it?",
        help_text="Only if you heard about the board at one of our events.",
        queryset=OutreachEvent.objects.none(),
        widget=Select,
        required=False,
        empty_label="Choose the event, if you know",
        error_messages={"invalid_choice": "Choose an event from the list"},
    )
    heard_about = forms.CharField(
        label="Anything else about where you heard of us",
        help_text="For example the name of the group, or the person who told you.",
        max_length=200,
        required=False,
        error_messages={"max_length": "Write 200 characters or fewer"},
    )
    consent = forms.BooleanField(
        label="You can keep my details so that you can think about my application",
        help_text="Only the council officers who run the board will see them.",
        error_messages={
            "required": "Tick the box to say we can keep your details. "
            "We need them to think about your application."
        },
    )
    equality_consent = forms.BooleanField(
        label="You can use my answers to the questions about me, without my name, to see "
        "whether the board reflects the people it speaks for",
        help_text="Only counts are ever shown, and never a number smaller than 5.",
        required=False,
    )
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    template_name = "joining/includes/application_form.html"

    class Meta:
        model = Application
        fields = [
            "name",
            "email",
            "phone",
            "contact_method",
            "lived_experience",
            "support_needs",
            "formats",
            "heard_from",
            "outreach_event",
            "heard_about",
            *EQUALITY_FIELDS,
        ]
        labels = EqualityMonitoringForm.Meta.labels
        help_texts = EqualityMonitoringForm.Meta.help_texts
        widgets = dict.fromkeys(EQUALITY_FIELDS, forms.RadioSelect)

    # The questions about the person come last, each consent after what it agrees to.
    field_order = [*Meta.fields, "equality_consent", "consent"]

    # How far back the form offers outreach events.
    EVENTS_FROM_DAYS = 365

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["outreach_event"].queryset = OutreachEvent.objects.filter(
            date__lte=today, date__gte=today - timedelta(days=self.EVENTS_FROM_DAYS)
        )
        for name in EQUALITY_FIELDS:
            field = self.fields[name]
            field.required = False
            field.label = f"{field.label} (optional)"
            field.choices = [choice for choice in field.choices if choice[0] != ""]

    def clean(self):
        cleaned_data = super().clean()
        answered = [name for name in EQUALITY_FIELDS if cleaned_data.get(name)]
        if answered and not cleaned_data.get("equality_consent"):
            self.add_error(
                "equality_consent",
                "Tick the box if we can use your answers about you, or leave those questions empty",
            )
        method = cleaned_data.get("contact_method")
        if method == ContactMethod.PHONE and not cleaned_data.get("phone"):
            self.add_error("phone", "Enter your phone number, so that we can call you")
        elif method == ContactMethod.TEXT and not cleaned_data.get("phone"):
            self.add_error("phone", "Enter your mobile phone number, so that we can text you")
        return cleaned_data

    def save(self, commit=True):
        application = super().save(commit=False)
        if self.cleaned_data.get("equality_consent") and any(
            self.cleaned_data.get(name) for name in EQUALITY_FIELDS
        ):
            application.equality_consented_at = timezone.now()
        else:
            for name in EQUALITY_FIELDS:
                setattr(application, name, "")
        if commit:
            application.save()
        return application

    def is_from_a_robot(self):
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))


class InvitedSignupForm(SignupForm):
    """allauth's sign-up form, for someone who opened an invitation link.

    The email address is the one the invitation went to and cannot be changed: whatever is
    posted for it is replaced. (The box is read-only rather than disabled, so that screen
    readers still read it out.)
    """

    display_name = forms.CharField(
        label="Your name",
        help_text="The name we use when we talk to you on the site. You can change it later.",
        max_length=100,
        error_messages={"required": "Enter your name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = context.request
        self.invitation = invitation_in_session(request) if request is not None else None
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "We sent your invitation to this address."
        email.widget.attrs.update(autocomplete="email", readonly=True)
        if self.invitation is not None:
            # Overrides allauth's `?email=` pre-fill, and anything posted.
            self.initial["email"] = self.invitation.email
            self.initial.setdefault("display_name", self.invitation.name)
            if self.is_bound:
                self.data = self.data.copy()
                self.data[self.add_prefix("email")] = self.invitation.email
        password1 = self.fields["password1"]
        password1.label = "Create a password"
        password1.help_text = (
            "Use at least 12 characters. A few words you can remember, with spaces, make a "
            "good password. You can paste it in."
        )
        password1.error_messages["required"] = "Create a password"
        password2 = self.fields["password2"]
        password2.label = "Type your password again"
        password2.error_messages["required"] = "Type your password again"
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def clean_email(self):
        if self.invitation is None:
            raise forms.ValidationError(
                "Your invitation link has run out or has been used. Open the link in your "
                "email again."
            )
        return super().clean_email()

    def clean(self):
        cleaned_data = super().clean()
        errors = self.errors.get("password2")
        if errors and "You must type the same password each time." in errors:
            self.errors["password2"] = self.error_class(
                ["The passwords do not match. Type the same password in both boxes."]
            )
        return cleaned_data
