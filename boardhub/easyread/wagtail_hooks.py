from django.urls import path
from wagtail import hooks
from wagtail.log_actions import LogFormatter, log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import EasyReadGuidePage, JargonTerm
from .readability import problem_count

PUBLISHED_WITH_PROBLEMS = "easyread.publish_with_problems"


class JargonTermViewSet(SnippetViewSet):
    model = JargonTerm
    menu_label = "Jargon words"
    icon = "warning"
    add_to_settings_menu = True
    list_display = ["word", "plain_words"]
    search_fields = ["word", "plain_words"]


register_snippet(JargonTermViewSet)


@hooks.register("register_admin_urls")
def register_check_url():
    return [path("easyread/check/", views.check, name="easyread_check")]


@hooks.register("register_log_actions")
def register_easyread_log_actions(actions):
    @actions.register_action(PUBLISHED_WITH_PROBLEMS)
    class PublishedWithProblems(LogFormatter):
        label = "Publish with easy read problems"

        def format_message(self, log_entry):
            problems = log_entry.data.get("problems", [])
            lines = "; ".join(f"{problem['where']}: {problem['message']}" for problem in problems)
            return (
                f"Published with {problem_count(len(problems))} from the easy read check: {lines}"
            )


@hooks.register("after_publish_page")
def log_publishing_with_problems(request, page):
    """Publishing anyway is recorded, with the problems the officer chose to publish with."""
    if isinstance(page, EasyReadGuidePage) and page.published_with_problems:
        log(
            page,
            PUBLISHED_WITH_PROBLEMS,
            user=request.user,
            data={"problems": page.published_with_problems},
        )
