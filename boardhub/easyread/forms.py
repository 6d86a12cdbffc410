"""The editor's form for easy-read guides: publishing a guide with readability problems needs
the officer to say they have read them, and the guide remembers what it was published with."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from .readability import check_guide, problem_count

PUBLISH_ANYWAY_LABEL = "Publish anyway, I have read the problems"


def guide_from_form(form):
    """An unsaved guide with the summary and body the officer posted, read the way the form's
    own widgets read them, so it works while parts of the form are not valid yet."""
    return type(form.instance)(summary=form["summary"].data or "", body=form["body"].data)


def problems_error(problems):
    """The publish error: what is wrong, then each problem on its own line."""
    return [
        ValidationError(
            f"This guide has {problem_count(len(problems))} with easy read, listed below. "
            f"Fix them, or tick “{PUBLISH_ANYWAY_LABEL}”."
        ),
        *(ValidationError(str(problem)) for problem in problems),
    ]


class EasyReadGuideForm(WagtailAdminPageForm):
    publish_anyway = forms.BooleanField(
        required=False,
        label=PUBLISH_ANYWAY_LABEL,
        help_text=(
            "Only when a problem cannot be fixed. "
            "We record that you published with problems, and which ones."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.readability_problems = []

    @property
    def is_publishing(self):
        return bool(self.data.get("action-publish"))

    def clean(self):
        cleaned_data = super().clean()
        # The body is missing when it has errors of its own: those stop the publish anyway.
        if self.is_publishing and "body" in cleaned_data:
            guide = type(self.instance)(
                summary=cleaned_data.get("summary", ""), body=cleaned_data["body"]
            )
            self.readability_problems = check_guide(guide)
            if self.readability_problems and not cleaned_data.get("publish_anyway"):
                self.add_error("publish_anyway", problems_error(self.readability_problems))
        return cleaned_data

    def save(self, commit=True):
        if self.is_publishing:
            self.instance.published_with_problems = [
                problem.as_dict() for problem in self.readability_problems
            ]
        return super().save(commit=commit)
