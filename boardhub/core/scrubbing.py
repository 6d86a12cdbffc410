"""Taking email addresses out of text that leaves the site in an error report (the ADMINS
email, boardhub.core.error_reports; Sentry, boardhub.core.error_reporting), where an
exception's message may name the member it was about.

Standard library only: production's settings import it (through error_reporting) before
Django is set up.
"""

import re

EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def without_email_addresses(text):
    return EMAIL_ADDRESS.sub("[email address]", text)
