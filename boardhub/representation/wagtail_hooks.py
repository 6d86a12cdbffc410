"""Representation in the admin: the reference populations officers enter, and the officers'
view of the board's make-up, with the detailed groups (still suppressed) and the gaps ranked."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .forms import PASTED, ReferencePopulationForm, boxes
from .models import ReferencePopulation
from .permissions import may_see_make_up


class ReferencePopulationViewSet(SnippetViewSet):
    model = ReferencePopulation
    menu_label = "Reference populations"
    icon = "group"
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["name", "source", "year", "updated_at"]

    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("who"),
            FieldRowPanel([FieldPanel("source"), FieldPanel("year")]),
            FieldPanel("link"),
            FieldPanel("kind"),
            *(
                MultiFieldPanel(
                    [FieldPanel(name) for name, __ in named],
                    heading=heading,
                    help_text=(
                        "Fill in every box, or leave them all empty if the source does not "
                        "give these figures."
                    ),
                )
                for __, heading, named in boxes()
            ),
            FieldPanel(PASTED),
        ],
        base_form_class=ReferencePopulationForm,
    )


register_snippet(ReferencePopulationViewSet)


@hooks.register("register_admin_urls")
def register_make_up_urls():
    return [
        path("who-is-on-the-board/", admin_views.make_up, name="representation_make_up"),
        path(
            "who-is-on-the-board/recruitment/",
            admin_views.recruitment_view,
            name="representation_recruitment",
        ),
        path(
            "who-is-on-the-board/taking-part/",
            admin_views.taking_part,
            name="representation_taking_part",
        ),
    ]


class MakeUpMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_make_up(request.user)


@hooks.register("register_admin_menu_item")
def register_make_up_menu_item():
    return MakeUpMenuItem(
        "Who is on the board",
        reverse("representation_make_up"),
        icon_name="group",
        order=280,
    )


# The reports (boardhub.reports) list it too: the suppressed summary of whom the board
# speaks for, beside the figures about feedback.
@hooks.register("register_reports_menu_item")
def register_make_up_report_item():
    return MakeUpMenuItem(
        "Who is on the board", reverse("representation_make_up"), icon_name="group", order=15
    )
