"""`manage.py set_site_address`: give the default Wagtail Site the host name and port of
BOARDHUB_BASE_URL, so the full addresses Wagtail builds (the open data's links) are the public
ones. Run after `manage.py migrate` on every deployment; running it again changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from boardhub.core.site_address import host_and_port


class Command(BaseCommand):
    help = "Set the default Site's host name and port from BOARDHUB_BASE_URL."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default Site: run `manage.py migrate` first.")
        hostname, port = host_and_port(settings.WAGTAILADMIN_BASE_URL)
        site.hostname, site.port = hostname, port
        # Wagtail forgets its cached list of sites when one is saved: the next request sees it.
        site.save(update_fields=["hostname", "port"])
        self.stdout.write(f"The default site is now {site.root_url}")
