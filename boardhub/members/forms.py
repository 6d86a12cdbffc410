from allauth.account.forms import LoginForm


class SignInForm(LoginForm):
    """allauth's sign-in form, in plain English and without placeholders (a placeholder
    disappears as soon as someone types, and is no substitute for the label above the box)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login, password = self.fields["login"], self.fields["password"]
        login.label = "Email address"
        login.error_messages["required"] = "Enter your email address"
        password.error_messages["required"] = "Enter your password"
        for field in (login, password):
            field.widget.attrs.pop("placeholder", None)
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device"
