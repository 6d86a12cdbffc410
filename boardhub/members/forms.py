"""Forms for members' accounts: allauth's own forms in plain English, the profile and the
equality monitoring questions.

Every form renders through the project's GOV.UK-style form renderer (templates/forms/), so none
of them has placeholders: a placeholder disappears as soon as someone types, and is no
substitute for the label above the box.
"""

from allauth.account import app_settings as account_settings
from allauth.account import forms as account_forms
from allauth.account.adapter import get_adapter
from allauth.mfa.base import forms as mfa_base_forms
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import forms as mfa_totp_forms
from allauth.mfa.utils import is_mfa_enabled
from allauth.mfa.webauthn import forms as mfa_webauthn_forms
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from boardhub.core.clock import time_soon
from boardhub.core.spam import sign_in_refusal

from .choices import ContactMethod, Format, LivedExperience
from .models import EqualityMonitoring, MemberProfile

CHOOSING_ADVICE = (
    "Use at least 12 characters. A few words you will remember, with spaces, work well. "
    "You can paste a password from a password manager."
)


class PlainEnglishMixin:
    """Give allauth's fields plain-English labels, hints and messages, and no placeholders.

    `labels`, `hints` and `required` map a field name to its words. A field missing from the
    form (allauth adds some only in some settings) is skipped.
    """

    labels: dict = {}
    hints: dict = {}
    required: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.hints:
                field.help_text = self.hints[name]
            if name in self.required:
                field.error_messages = {**field.error_messages, "required": self.required[name]}


class SignInForm(PlainEnglishMixin, account_forms.LoginForm):
    """allauth's sign-in form. `sign_in_paused=True` (SignInView: sign-in attempts cannot be
    counted) refuses it with a message that says the fault is ours, and no sign-in is tried."""

    labels = {
        "login": "Email address",
        "password": "Password",
        "remember": "Keep me signed in on this device",
    }
    hints = {"password": ""}  # the page links to "Forgotten your password?" itself
    required = {"login": "Enter your email address", "password": "Enter your password"}

    def __init__(self, *args, sign_in_paused=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sign_in_paused = sign_in_paused

    def clean(self):
        if self.sign_in_paused:
            raise get_adapter(self.request).validation_error("sign_in_paused")
        try:
            return super().clean()
        except ValidationError as error:
            refusal = sign_in_refusal(self.request, self.cleaned_data.get("login", ""))
            if error.code != "too_many_login_attempts" or refusal is None:
                raise
            raise ValidationError(too_many_sign_ins(refusal), code=error.code) from error


def too_many_sign_ins(refusal):
    """allauth's "too many failed sign-ins", saying honestly which limit it was (this internet
    address, or this email address) and when to try again."""
    when = time_soon(refusal.retry_moment)
    if refusal.by_address:
        return (
            "Too many sign-in attempts have come from this internet address. People in the "
            "same library, office or care home share one address. For your safety, we have "
            f"paused signing in from here. Try again after {when}."
        )
    return (
        "There have been too many wrong passwords for this email address. For your safety, "
        f"we have paused signing in with it. Try again after {when}, sign in with a code "
        "instead, or reset your password."
    )


class RequestLoginCodeForm(PlainEnglishMixin, account_forms.RequestLoginCodeForm):
    labels = {"email": "Email address"}
    hints = {"email": "We will email a sign-in code to this address."}
    required = {"email": "Enter your email address"}

    def clean_email(self):
        # allauth counts requests for a code in the cache; while it cannot, it would say "too
        # many" (AccountAdapter.can_count_sign_in_attempts).
        adapter = get_adapter()
        if self.cleaned_data.get("email") and not adapter.can_count_sign_in_attempts():
            raise adapter.validation_error("sign_in_paused")
        return super().clean_email()


class OneTimeCodeMixin:
    """A box for a code someone reads from an app, an email or a list (WCAG 2.2 3.3.8).

    `autocomplete="one-time-code"` lets the phone or browser offer the code itself, so nobody
    has to copy it by hand. A code of digits only (`code_is_numeric`) gets the number keypad.
    Capitals and spelling corrections are off, so the phone never changes what was typed.
    """

    code_is_numeric = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        attrs = self.fields["code"].widget.attrs
        attrs.update({"autocomplete": "one-time-code", "autocapitalize": "off"})
        attrs["spellcheck"] = "false"
        if self.code_is_numeric:
            attrs["inputmode"] = "numeric"


class EmailedCodeMixin(OneTimeCodeMixin):
    """A box for a code we email: digits only if allauth's ACCOUNT_LOGIN_BY_CODE_FORMAT says
    so. allauth's default is letters (BCDF-GHJK), which a number keypad cannot type."""

    @property
    def code_is_numeric(self):
        return account_settings.LOGIN_BY_CODE_FORMAT.get("numeric", False)


class ConfirmLoginCodeForm(EmailedCodeMixin, PlainEnglishMixin, account_forms.ConfirmLoginCodeForm):
    labels = {"code": "Sign-in code"}
    hints = {"code": "You can find it in the email we sent you."}
    required = {"code": "Enter the sign-in code from the email"}


class ReauthenticationCodeForm(
    EmailedCodeMixin, PlainEnglishMixin, account_forms.BaseConfirmCodeForm
):
    """The code we emailed to confirm it is you (boardhub.members.reauthentication)."""

    labels = {"code": "Code from the email"}
    hints = {"code": "You can find it in the email we have just sent you."}
    required = {"code": "Enter the code from the email"}


class ResetPasswordForm(PlainEnglishMixin, account_forms.ResetPasswordForm):
    labels = {"email": "Email address"}
    required = {"email": "Enter your email address"}


class ResetPasswordKeyForm(PlainEnglishMixin, account_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "Type your new password again"}
    hints = {"password1": CHOOSING_ADVICE}
    required = {"password1": "Enter a new password", "password2": "Type your new password again"}


class ChangePasswordForm(PlainEnglishMixin, account_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Your password now",
        "password1": "New password",
        "password2": "Type your new password again",
    }
    hints = {"oldpassword": "", "password1": CHOOSING_ADVICE}
    required = {
        "oldpassword": "Enter the password you use now",
        "password1": "Enter a new password",
        "password2": "Type your new password again",
    }


class SetPasswordForm(PlainEnglishMixin, account_forms.SetPasswordForm):
    labels = {"password1": "Password", "password2": "Type your password again"}
    hints = {"password1": CHOOSING_ADVICE}
    required = {"password1": "Enter a password", "password2": "Type your password again"}


class AddEmailForm(PlainEnglishMixin, account_forms.AddEmailForm):
    labels = {"email": "New email address"}
    required = {"email": "Enter your new email address"}


class ReauthenticateForm(PlainEnglishMixin, account_forms.ReauthenticateForm):
    labels = {"password": "Password"}
    hints = {"password": ""}
    required = {"password": "Enter your password"}


WRONG_CODE = "That code is not right. Check it and try again."


class TwoFactorCodeMixin(OneTimeCodeMixin, PlainEnglishMixin):
    """A code from the authenticator app, or a recovery code: digits only, both of them.

    Someone whose second step is a security key or passkey, with no app, can only type a
    recovery code here, so the box says so.
    """

    labels = {"code": "Code from your authenticator app"}
    hints = {"code": "It is 6 numbers. If you cannot use the app, enter a recovery code."}
    required = {"code": "Enter the code from your authenticator app"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_mfa_enabled(self.user, [Authenticator.Type.TOTP]):
            field = self.fields["code"]
            field.label = "Recovery code"
            field.help_text = "It is 8 numbers, from the list of recovery codes we gave you."
            field.error_messages = {**field.error_messages, "required": "Enter a recovery code"}

    def clean_code(self):
        try:
            return super().clean_code()
        except ValidationError as error:
            if error.code == "incorrect_code":
                raise ValidationError(WRONG_CODE, code="incorrect_code") from error
            raise


class AuthenticateForm(TwoFactorCodeMixin, mfa_base_forms.AuthenticateForm):
    pass


class MFAReauthenticateForm(TwoFactorCodeMixin, mfa_base_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(OneTimeCodeMixin, PlainEnglishMixin, mfa_totp_forms.ActivateTOTPForm):
    labels = {"code": "Code from your authenticator app"}
    hints = {"code": "It is 6 numbers. It changes every 30 seconds."}
    required = {"code": "Enter the code from your authenticator app"}


# Security keys and passkeys (allauth's WebAuthn). The browser does the work: the page's script
# (allauth's static/mfa/js/webauthn.js) fills in the hidden `credential` and sends the form.

PASSKEY_NOT_USED = (
    "Use your security key or passkey when your browser asks you to. If it did not ask, "
    "press the button again."
)
PASSKEY_NOT_CHECKED = (
    "We could not check your security key or passkey. Try again, or use another way."
)
PASSKEY_NAME_HINT = (
    'So that you can tell your keys apart. For example, "My phone" or "Blue key on my keyring".'
)


def plain_passkey_error(error):
    """allauth says "Incorrect code." when a key's answer does not check out: no code was typed."""
    if error.code == "incorrect_code":
        return ValidationError(PASSKEY_NOT_CHECKED, code="incorrect_code")
    return error


class AddPasskeyForm(PlainEnglishMixin, mfa_webauthn_forms.AddWebAuthnForm):
    """Adding a security key or passkey. The key's answer comes in a hidden field, so its
    problems are the form's own (shown in the error summary), never a hidden field's."""

    labels = {"name": "Name for this key"}
    hints = {"name": PASSKEY_NAME_HINT}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("name", "")
        super().__init__(*args, **kwargs)
        self.fields["credential"].required = False

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if name:
            return name
        count = Authenticator.objects.filter(user=self.user, type=Authenticator.Type.WEBAUTHN)
        return f"Security key {count.count() + 1}"

    def clean(self):
        if not self.cleaned_data.get("credential"):
            raise ValidationError(PASSKEY_NOT_USED, code="required")
        try:
            return super().clean()
        except ValidationError as error:
            raise plain_passkey_error(error) from error


class EditPasskeyForm(PlainEnglishMixin, mfa_webauthn_forms.EditWebAuthnForm):
    labels = {"name": "Name for this key"}
    hints = {"name": PASSKEY_NAME_HINT}
    required = {"name": "Enter a name for this key"}


class PasskeyCheckMixin:
    """Using a key already added: at sign-in's second step, or to confirm it is you."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credential"].error_messages["required"] = PASSKEY_NOT_USED

    @property
    def has_passkeys(self):
        """Whether this person has added a key, so the page offers it first."""
        return is_mfa_enabled(self.user, [Authenticator.Type.WEBAUTHN])

    def clean_credential(self):
        try:
            return super().clean_credential()
        except ValidationError as error:
            raise plain_passkey_error(error) from error


class AuthenticatePasskeyForm(PasskeyCheckMixin, mfa_webauthn_forms.AuthenticateWebAuthnForm):
    pass


class ReauthenticatePasskeyForm(PasskeyCheckMixin, mfa_webauthn_forms.ReauthenticateWebAuthnForm):
    pass


# The member's own pages


NOTIFICATIONS = {
    "notify_feedback_updates": "When something I said moves on or changes something",
    "notify_new_consultations": "When there is something new to give my views on",
    "notify_meetings": "About board meetings",
}


class ProfileForm(forms.ModelForm):
    """What a member tells us about themselves. Only the fields listed here can change: a POST
    that adds `is_staff`, `groups`, `user` or anything else changes nothing."""

    display_name = forms.CharField(
        label="Your name",
        max_length=100,
        help_text="The name we use when we talk to you on this website.",
        error_messages={"required": "Enter the name you would like us to use"},
    )
    notifications = forms.MultipleChoiceField(
        label="What we email you about",
        choices=list(NOTIFICATIONS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tick all that you want. You can change this at any time.",
    )

    class Meta:
        model = MemberProfile
        fields = [
            "pronouns",
            "contact_method",
            "phone",
            "postal_address",
            "supporter_name",
            "supporter_contact",
            "formats",
            "other_language",
            "communication_needs",
            "lived_experience",
        ]
        labels = {
            "pronouns": "Your pronouns",
            "contact_method": "How should we contact you?",
            "phone": "Phone number",
            "postal_address": "Postal address",
            "supporter_name": "Name of the person who supports you",
            "supporter_contact": "How we contact the person who supports you",
            "formats": "Which formats work for you?",
            "other_language": "Which language?",
            "communication_needs": "Is there anything else that helps you take part?",
            "lived_experience": "What do you bring to the board?",
        }
        help_texts = {
            "pronouns": "For example, she/her, he/him or they/them.",
            "phone": "Only if you chose phone.",
            "postal_address": "Only if you chose post.",
            "supporter_name": "Only if you chose to be contacted through someone who supports you.",
            "supporter_contact": (
                "Only if you chose to be contacted through someone who supports you. For "
                "example, their phone number or email address."
            ),
            "formats": "Tick all that help you.",
            "other_language": "Only if you ticked another language.",
            "communication_needs": (
                "For example, a quiet room, breaks, or papers a week before a meeting."
            ),
            "lived_experience": "Tick all that are true for you.",
        }
        widgets = {
            "contact_method": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "postal_address": forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
            "communication_needs": forms.Textarea(attrs={"rows": 5}),
        }

    # JSON lists, asked as checkboxes.
    formats = forms.MultipleChoiceField(
        choices=Format.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    lived_experience = forms.MultipleChoiceField(
        choices=LivedExperience.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["formats"].label = self._meta.labels["formats"]
        self.fields["formats"].help_text = self._meta.help_texts["formats"]
        self.fields["lived_experience"].label = self._meta.labels["lived_experience"]
        self.fields["lived_experience"].help_text = self._meta.help_texts["lived_experience"]
        self.fields["contact_method"].error_messages["required"] = (
            "Choose how we should contact you"
        )
        self.fields["display_name"].initial = user.display_name or user.first_name
        self.fields["notifications"].initial = [
            name for name in NOTIFICATIONS if getattr(self.instance, name)
        ]
        # Reorder: the name first, the notifications last.
        order = ["display_name", *self._meta.fields, "notifications"]
        self.order_fields(order)

    def clean(self):
        cleaned_data = super().clean()
        method = cleaned_data.get("contact_method")
        needed = {
            ContactMethod.PHONE: {"phone": "Enter your phone number, or choose another way"},
            ContactMethod.POST: {"postal_address": "Enter your address, or choose another way"},
            ContactMethod.SUPPORTER: {
                "supporter_name": "Enter the name of the person who supports you",
                "supporter_contact": "Enter how we can contact the person who supports you",
            },
        }
        for field, message in needed.get(method, {}).items():
            if not cleaned_data.get(field, "").strip():
                self.add_error(field, message)
        if (
            Format.OTHER_LANGUAGE in cleaned_data.get("formats", [])
            and not cleaned_data.get("other_language", "").strip()
        ):
            self.add_error("other_language", "Enter the language you would like us to use")
        return cleaned_data

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.user = self.user
        for name in NOTIFICATIONS:
            setattr(profile, name, name in self.cleaned_data["notifications"])
        self.user.display_name = self.cleaned_data["display_name"]
        if commit:
            self.user.save(update_fields=["display_name"])
            profile.save()
        return profile


class EqualityMonitoringForm(forms.ModelForm):
    """The optional equality questions. Each has "Prefer not to say"; saving needs consent."""

    consent = forms.BooleanField(
        label="I agree that BoardHub can keep these answers",
        help_text=(
            "You can change your answers, or take back your agreement and delete them, at any time."
        ),
        error_messages={"required": "Tick the box to say you agree, or leave this page"},
    )

    class Meta:
        model = EqualityMonitoring
        fields = ["age_band", "sex", "ethnic_group", "disability", "unpaid_carer"]
        labels = {
            "age_band": "How old are you?",
            "sex": "What is your sex?",
            "ethnic_group": "What is your ethnic group?",
            "disability": (
                "Do you have a health condition or illness that has lasted, or is expected to "
                "last, 12 months or more, and limits your day-to-day activities?"
            ),
            "unpaid_carer": (
                "Do you look after, or give help or support to, anyone because of a long-term "
                "health condition, disability or problems related to old age?"
            ),
        }
        help_texts = {
            "sex": "",
            "ethnic_group": "These are the groups used in the 2021 census.",
            "unpaid_carer": "Do not count anything you do as part of paid work.",
        }
        widgets = dict.fromkeys(fields, forms.RadioSelect)

    REQUIRED_MESSAGES = {
        "age_band": "Choose your age group, or Prefer not to say",
        "sex": "Choose your sex, or Prefer not to say",
        "ethnic_group": "Choose your ethnic group, or Prefer not to say",
        "disability": "Choose an answer about disability, or Prefer not to say",
        "unpaid_carer": "Choose an answer about caring, or Prefer not to say",
    }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for name, message in self.REQUIRED_MESSAGES.items():
            field = self.fields[name]
            field.error_messages["required"] = message
            # RadioSelect on a model field adds an empty "---------" choice: leave it out.
            field.choices = [choice for choice in field.choices if choice[0] != ""]

    def save(self, commit=True):
        answers = super().save(commit=False)
        answers.user = self.user
        answers.consented_at = timezone.now()
        if commit:
            answers.save()
        return answers
