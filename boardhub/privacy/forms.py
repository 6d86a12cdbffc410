from django import forms


class DeleteAccountForm(forms.Form):
    # A tick box rather than typing a word: easier for people with learning disabilities.
    confirm = forms.BooleanField(
        label="I understand my account will be deleted and this cannot be undone",
        error_messages={
            "required": "Tick the box to show you understand that your account will be "
            "deleted and this cannot be undone"
        },
    )
