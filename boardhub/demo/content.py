"""The demo site's words, read from site/demo/content.json (its format: site/demo/README.md).

The names below are the ones load_demo_site builds the demo from. Two things JSON cannot say
are filled in here: an easy read row's alt text, which is its picture's `easy_read_alt_text`
in IMAGES (so a picture says the same thing in every guide), and dates, which the file writes
as ISO strings.
"""

import json
from datetime import date

from django.conf import settings

DEMO_DIR = settings.BASE_DIR / "site" / "demo"
IMAGES_DIR = DEMO_DIR / "images"


def read_content():
    with open(DEMO_DIR / "content.json", encoding="utf-8") as file:
        return json.load(file)


def easy_read_guide(guide, alt_text):
    """`guide` with `checked_on` as a date, and each row with the alt text of its picture."""
    body = [
        {**block, "value": {**block["value"], "alt_text": alt_text[block["value"]["image"]]}}
        if block["type"] == "row"
        else block
        for block in guide["body"]
    ]
    return {**guide, "body": body, "checked_on": date.fromisoformat(guide["checked_on"])}


CONTENT = read_content()

COUNCIL_NAME = CONTENT["council_name"]
BOARD_NAME = CONTENT["board_name"]
CONTACT_EMAIL = CONTENT["contact_email"]
CONTACT_PHONE = CONTENT["contact_phone"]
ADULT_SOCIAL_CARE_PHONE = CONTENT["adult_social_care_phone"]
ADULT_SOCIAL_CARE_HOURS = CONTENT["adult_social_care_hours"]

IMAGES = CONTENT["images"]
ALT = {
    image["file"]: image["easy_read_alt_text"] for image in IMAGES if "easy_read_alt_text" in image
}

HOME = CONTENT["home"]
PAGES = CONTENT["pages"]
ACCESSIBILITY_PAGE_SLUG = CONTENT["accessibility_page"]
PRIVACY_PAGE_SLUG = CONTENT["privacy_page"]

SERVICES = CONTENT["services"]
CONSULTATION_INDEX = CONTENT["consultation_index"]
CONSULTATIONS = CONTENT["consultations"]

YOU_SAID_WE_DID_PAGE = CONTENT["you_said_we_did_page"]
RESPONSES = CONTENT["responses"]
TELL_US_PAGE = CONTENT["tell_us_page"]
TELL_US_RESPONSES = CONTENT["tell_us_responses"]
CHANGES = CONTENT["changes"]

EASY_READ_INDEX = CONTENT["easy_read_index"]
EASY_READ_GUIDES = [easy_read_guide(guide, ALT) for guide in CONTENT["easy_read_guides"]]
CARE_ASSESSMENT = CONTENT["care_assessment"]
