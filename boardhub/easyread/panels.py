"""The easy-read check in the page editor."""

from django.urls import reverse
from wagtail.admin.panels import Panel

from .forms import guide_from_form
from .readability import check_guide, guide_figures, problem_count


def check_context(guide):
    """What the check's templates show for a guide: its problems and its reading figures."""
    problems = check_guide(guide)
    return {
        "problems": problems,
        "figures": guide_figures(guide),
        "count": len(problems),
        "status": f"{problem_count(len(problems))} to fix." if problems else "No problems found.",
    }


class ReadabilityCheckPanel(Panel):
    """The guide's easy-read problems, under the body.

    Without JavaScript it shows the problems of the last saved version, or of what the officer
    just posted when the form comes back with errors. readability-check.js checks again as they
    write, by posting the form to boardhub.easyread.views.check (nothing is saved).
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "easyread/admin/readability_panel.html"

        class Media:
            js = ["easyread/js/readability-check.js"]
            css = {"all": ["easyread/css/admin.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            guide = guide_from_form(self.form) if self.form.is_bound else self.instance
            context.update(check_context(guide))
            context["check_url"] = reverse("easyread_check")
            return context
