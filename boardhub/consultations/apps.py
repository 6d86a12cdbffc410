from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "boardhub.consultations"
    label = "consultations"
    verbose_name = "Consultations"

    def ready(self):
        from wagtail.signals import page_published

        from boardhub.core.registry import register_moments
        from boardhub.core.request_limits import register_what_fits
        from boardhub.members.account_area import register_dashboard_panel

        from . import personal_data  # noqa: F401  (what "Your data" holds from consultations)
        from .account import saved_answers_panel
        from .announcements import announce_on_publish
        from .moments import next_opening_or_closing
        from .views import show_what_fits

        # Answers over the server's size limit come back in the form, with what fitted.
        register_what_fits(show_what_fits)
        # Pages say whether each consultation is open: none is kept past an opening or closing.
        register_moments(next_opening_or_closing)
        # A member's saved answers to finish, at the top of their account.
        register_dashboard_panel("consultations/account/saved_answers.html", saved_answers_panel)
        # Members who asked are told when a consultation is published open (announcements).
        page_published.connect(announce_on_publish, dispatch_uid="consultations-announce")
