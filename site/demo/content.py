"""The demo site's words: a fictional council, Larkfield Council, and its board.

`python manage.py load_demo_site` reads this file by its path (`site` cannot be imported: the
standard library owns that name). Everything here is made up. The phone number is in Ofcom's
range for drama, and the email addresses use example.org, so none of them reach anyone.

Write as the board and the council would speak to a member of the public: short sentences,
everyday words, "you" and "we", active voice.

Each page body is a list of (block type, value) pairs for `ContentStreamBlock`. An image names
one of the files in IMAGES; the command swaps in the Wagtail image it imported.
"""

from datetime import date

COUNCIL_NAME = "Larkfield Council"
BOARD_NAME = "Larkfield Making it Real Board"
CONTACT_EMAIL = "makingitreal@larkfield.example.org"
CONTACT_PHONE = "01632 960 000"
DPO_EMAIL = "dataprotection@larkfield.example.org"


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


def image(file, alt_text, caption=""):
    return ("image", {"image": file, "alt_text": alt_text, "caption": caption})


def callout(title, html):
    return ("callout", {"title": title, "text": html})


EMAIL_LINK = f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>'
PHONE_LINK = f'<a href="tel:+441632960000">{CONTACT_PHONE}</a>'
DPO_LINK = f'<a href="mailto:{DPO_EMAIL}">{DPO_EMAIL}</a>'

# Pictures drawn by draw_pictures.py. The title is what editors see in the image library.
IMAGES = [
    {"file": "board-around-table.png", "title": "Board members talking round a table"},
    {"file": "speech-bubbles.png", "title": "Two speech bubbles, one with a tick"},
    {"file": "magnifying-glass.png", "title": "Magnifying glass over a chart"},
    {"file": "larger-text-and-contrast.png", "title": "Larger text and contrast symbol"},
    {"file": "padlock.png", "title": "Padlock on a folder"},
]

HOME = {
    "title": "Welcome to the Larkfield Making it Real Board",
    "introduction": (
        "We are people who use adult social care and people who care for someone. "
        "We work with Larkfield Council to make care and support better for everyone."
    ),
    "body": [
        image(
            "board-around-table.png",
            "Five people talking round a table with papers and cups of tea. "
            "One of them uses a wheelchair.",
            "The board meets once a month.",
        ),
        heading("What the board does"),
        paragraph(
            "<p>Making it Real is a set of statements about what good care and support "
            "looks like. People who use care wrote them. We use them to check how "
            "Larkfield Council is doing.</p>"
            "<p>The council asks us what we think before it changes a service. We read its "
            "plans, we tell it what works and what does not, and we ask it to explain its "
            "choices. Then we check that it did what it said it would do.</p>"
        ),
        heading("Who is on the board"),
        paragraph(
            "<p>There are 14 members. Some of us get care at home. Some of us live in "
            "supported housing. Some of us look after a partner, a parent or a child. "
            "Council officers and people from the NHS come to our meetings, but they do "
            "not vote.</p>"
        ),
        heading("How you can get involved"),
        paragraph(
            "<ul>"
            "<li>Tell us what you think about a plan the council is working on.</li>"
            "<li>Come to one of our meetings. They are open to everyone.</li>"
            "<li>Join the board. You do not need any experience, and we will support you.</li>"
            "</ul>"
        ),
        image(
            "speech-bubbles.png",
            "Two speech bubbles. One has lines of writing in it. The other has a tick.",
            "You tell us what you think. We tell you what changed.",
        ),
        callout(
            "We want to hear from you",
            f"<p>Email us at {EMAIL_LINK} or call us on {PHONE_LINK}. "
            "Lines are open Monday to Friday, 9am to 5pm. "
            "You can ask us to call you back at a time that suits you.</p>",
        ),
    ],
}

ABOUT = {
    "title": "About the board",
    "slug": "about-the-board",
    "show_in_menus": True,
    "introduction": (
        "The Larkfield Making it Real Board makes sure people who use care have a say in "
        "how the council runs it."
    ),
    "body": [
        image(
            "board-around-table.png",
            "Five people talking round a table with papers and cups of tea. "
            "One of them uses a wheelchair.",
        ),
        heading("Who we are"),
        paragraph(
            "<p>We are a group of people who use adult social care and unpaid carers who "
            "live in Larkfield. We started in 2021. Two members chair the board together: "
            "one person who uses care and one carer.</p>"
            "<p>We want the board to reflect everyone who lives in Larkfield. At the moment "
            "we have too few younger carers and too few people from some of our local "
            "communities. If that is you, we would really like to hear from you.</p>"
        ),
        heading("What we do"),
        paragraph(
            "<p>The council shares its plans with us early, before it decides. We:</p>"
            "<ul>"
            "<li>read and comment on plans, leaflets and letters</li>"
            "<li>help choose new care providers</li>"
            "<li>visit services and talk to the people who use them</li>"
            "<li>check that changes the council promised really happen</li>"
            "</ul>"
        ),
        heading("What has changed because of us"),
        paragraph(
            "<p>Here are some things the council changed after listening to us:</p>"
            "<ul>"
            "<li>Letters about your care assessment now come in plain English, "
            "and in easy read if you ask.</li>"
            "<li>If you wait more than four weeks for an assessment, "
            "someone calls you to see how you are.</li>"
            "<li>Carers can now book a break online or by phone.</li>"
            "</ul>"
        ),
        image(
            "magnifying-glass.png",
            "A magnifying glass over a page with a bar chart on it.",
            "We look at what the council promised and check it happened.",
        ),
        heading("How we work"),
        paragraph(
            "<p>We meet once a month, on a weekday morning, at Larkfield Library. "
            "The building has step-free access, a hearing loop and an accessible toilet. "
            "You can also join by phone or video.</p>"
            "<p>We pay for your travel and for a carer or support worker to come with you. "
            "We send papers a week before each meeting, in the format you need.</p>"
        ),
        callout(
            "Join the board",
            "<p>You do not need to have done anything like this before. "
            "We will meet you first, answer your questions and help you settle in. "
            '<a href="/join/">Apply to join online</a>, '
            f"email {EMAIL_LINK} or call {PHONE_LINK}.</p>",
        ),
    ],
}

ACCESSIBILITY = {
    "title": "Accessibility statement",
    "slug": "accessibility-statement",
    "show_in_menus": False,
    "introduction": (
        "This statement tells you how accessible this website is, what to do if you have a "
        "problem, and how to ask for information in a different format."
    ),
    "body": [
        paragraph(
            f"<p>Larkfield Council runs this website for the {BOARD_NAME}. We want as many "
            "people as possible to be able to use it.</p>"
        ),
        heading("What you can do on this website"),
        paragraph(
            "<p>You should be able to:</p>"
            "<ul>"
            "<li>use every page with a keyboard only, without a mouse</li>"
            "<li>use every page with a screen reader, such as NVDA, JAWS or VoiceOver</li>"
            "<li>make the text bigger with the text size buttons at the top of each page</li>"
            "<li>switch to high contrast colours with the contrast button</li>"
            "<li>zoom in up to 400% and still read everything without scrolling sideways</li>"
            "<li>read every page on a narrow screen, 320 pixels wide, such as a small phone</li>"
            "<li>use speech recognition software to move around and fill in forms</li>"
            "</ul>"
            "<p>We have written the website in plain English. Many pages also have an easy "
            "read version.</p>"
        ),
        image(
            "larger-text-and-contrast.png",
            "A small letter A, an arrow, and a large letter A, next to a circle that is "
            "half dark and half light.",
            "You can change the text size and the contrast on every page.",
        ),
        paragraph(
            "<p>AbilityNet has advice on making your device easier to use if you have "
            'a disability: <a href="https://mcmw.abilitynet.org.uk/">My Computer My Way</a>.'
            "</p>"
        ),
        heading("How accessible this website is"),
        paragraph(
            "<p>We built this website to meet the Web Content Accessibility Guidelines "
            "(WCAG) version 2.2 at level AA.</p>"
            "<p>We know some things are not right yet:</p>"
            "<ul>"
            "<li>Some older meeting papers are PDFs that do not work well with screen "
            "readers.</li>"
            "<li>Some videos from before 2024 do not have captions.</li>"
            "</ul>"
            "<p>If you need one of these, ask us and we will send it to you in a format that "
            "works for you.</p>"
        ),
        heading("Ask for information in a different format"),
        paragraph(
            "<p>You can ask for anything on this website in another format, such as:</p>"
            "<ul>"
            "<li>easy read</li>"
            "<li>large print</li>"
            "<li>audio</li>"
            "<li>braille</li>"
            "<li>British Sign Language (BSL) video</li>"
            "<li>another language</li>"
            "</ul>"
            f"<p>Email {EMAIL_LINK} or call {PHONE_LINK}. Tell us the page or document and "
            "the format you need. We will reply within 5 working days.</p>"
        ),
        callout(
            "If you use a text relay service",
            "<p>Call us through Relay UK: dial 18001 then 01632 960 000. "
            "If you use BSL, ask us for a video call with an interpreter.</p>",
        ),
        heading("Report a problem with this website"),
        paragraph(
            "<p>We are always looking to make this website better. If you find a problem "
            "that we have not listed here, or you think we are not meeting the accessibility "
            f"rules, please tell us. Email {EMAIL_LINK} or call {PHONE_LINK}.</p>"
            "<p>Tell us the address of the page, what you were trying to do and what went "
            "wrong. We will reply within 5 working days.</p>"
        ),
        heading("Enforcement procedure"),
        paragraph(
            "<p>The Equality and Human Rights Commission (EHRC) makes sure public bodies "
            "follow the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
            "Accessibility Regulations 2018 (the accessibility regulations).</p>"
            "<p>If you are not happy with how we answer your complaint, contact the "
            '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and '
            "Support Service (EASS)</a>.</p>"
        ),
        heading("Technical information about this website's accessibility"),
        paragraph(
            "<p>Larkfield Council is committed to making its websites accessible, in line "
            "with the accessibility regulations.</p>"
            "<p>This website is partially compliant with WCAG version 2.2 AA, because of "
            "the older PDFs and videos listed above. We plan to replace them by March "
            "2027.</p>"
        ),
        heading("How we tested this website"),
        paragraph(
            "<p>Our own staff and board members tested the website in October 2026. "
            "We used a keyboard only, NVDA with Firefox, VoiceOver on an iPhone, and "
            "browser zoom at 200% and 400%. We also used automated checking tools on every "
            "type of page.</p>"
            "<p>We prepared this statement on 2 November 2026. "
            "We will review it every year.</p>"
        ),
    ],
}

PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy-notice",
    "show_in_menus": False,
    "introduction": (
        f"This notice explains what information we keep about you when you use the "
        f"{BOARD_NAME} website, why we keep it, and what your rights are."
    ),
    "body": [
        image(
            "padlock.png",
            "A closed padlock in front of a folder.",
        ),
        heading("Who we are"),
        paragraph(
            "<p>Larkfield Council runs this website. The council is the data controller. "
            "This means we decide how your information is used, and we are responsible "
            "for keeping it safe.</p>"
        ),
        heading("What information we collect"),
        paragraph(
            "<p>If you have an account, we keep:</p>"
            "<ul>"
            "<li>your name and email address</li>"
            "<li>your phone number, if you give it to us</li>"
            "<li>how you like us to contact you, and any support you need, such as "
            "easy read papers or a BSL interpreter</li>"
            "<li>the feedback you send us</li>"
            "<li>which meetings you say you will come to</li>"
            "</ul>"
            "<p>If you choose to, you can also tell us about yourself, such as your age or "
            "ethnic group. We only use this to check that the board reflects the people of "
            "Larkfield. You do not have to tell us.</p>"
            "<p>If you use the website without an account, we do not collect your name. "
            "If you send us feedback without an account, we only keep what you write and "
            "any contact details you choose to give.</p>"
        ),
        heading("Why we use your information"),
        paragraph(
            "<p>We use your information to:</p>"
            "<ul>"
            "<li>run the board and its meetings</li>"
            "<li>arrange the support you need to take part</li>"
            "<li>tell you when something you told us has helped change a service</li>"
            "<li>show, without naming you, how feedback has shaped services</li>"
            "</ul>"
            "<p>We can do this because it is part of the council's public task: our legal "
            "duty to involve people in planning care and support. When you tell us about "
            "your health or disability so we can support you, we use it because it is in "
            "the substantial public interest. We will ask for your consent before we use "
            "anything about your age or ethnic group.</p>"
        ),
        heading("Who we share it with"),
        paragraph(
            "<p>Only the council staff who run the board can see your contact details and "
            "support needs. Our website supplier stores the information for us, under a "
            "contract that says they must keep it safe and cannot use it for anything "
            "else.</p>"
            "<p>We never sell your information, and we never use it for marketing.</p>"
        ),
        heading("How long we keep it"),
        paragraph(
            "<ul>"
            "<li>Your account: while you use it, and for 2 years after you last sign in. "
            "Then we delete it.</li>"
            "<li>Your feedback: for 6 years, so we can show how it shaped services. "
            "After 2 years we remove your name from it.</li>"
            "<li>Information about your age or ethnic group: until you ask us to delete it "
            "or you close your account.</li>"
            "</ul>"
        ),
        heading("Cookies"),
        paragraph(
            "<p>We only use the cookies this website needs to work. They keep you signed "
            "in, protect the forms you fill in, and remember your text size and contrast "
            "choices. We do not use cookies to track you or for advertising.</p>"
        ),
        heading("Your rights"),
        paragraph(
            "<p>You have the right to:</p>"
            "<ul>"
            "<li>ask for a copy of the information we keep about you</li>"
            "<li>ask us to correct it if it is wrong</li>"
            "<li>ask us to delete it</li>"
            "<li>ask us to stop using it, or to use it less</li>"
            "<li>take back your consent at any time, where we asked for it</li>"
            "</ul>"
            "<p>To use any of these rights, email us or write to us. We will reply within "
            "one month.</p>"
        ),
        callout(
            "Contact our data protection officer",
            f"<p>Email {DPO_LINK} or write to: Data Protection Officer, Larkfield Council, "
            "Town Hall, Market Street, Larkfield.</p>",
        ),
        heading("If you are not happy"),
        paragraph(
            "<p>Please tell our data protection officer first, so we can try to put it "
            "right. You can also complain to the Information Commissioner's Office (ICO), "
            'which checks how organisations use personal information: <a href="https://'
            'ico.org.uk/make-a-complaint/">make a complaint to the ICO</a> or call '
            "0303 123 1113.</p>"
            "<p>We last updated this notice on 2 November 2026.</p>"
        ),
    ],
}

PAGES = [ABOUT, ACCESSIBILITY, PRIVACY]

# Which pages the footer links to, by slug.
ACCESSIBILITY_PAGE_SLUG = ACCESSIBILITY["slug"]
PRIVACY_PAGE_SLUG = PRIVACY["slug"]


# Council services the board's work is about (boardhub.services). A service or consultation
# can name its easy read guide, by the guide's slug (see EASY_READ_GUIDES).
SERVICES = [
    {
        "name": "Support for unpaid carers",
        "slug": "support-for-unpaid-carers",
        "description": "Advice, breaks and money for people who look after someone.",
        "team": "Carers' team",
    },
    {
        "name": "Direct payments",
        "slug": "direct-payments",
        "description": "Money from the council so you can choose and buy your own care.",
        "team": "Adult social care finance",
        "easy_read_guide": "direct-payments",
    },
    {
        "name": "Care at home",
        "slug": "care-at-home",
        "description": "Help at home with things like washing, dressing and meals.",
        "team": "Home care commissioning",
    },
]

CONSULTATION_INDEX = {
    "title": "Have your say",
    "slug": "have-your-say",
    "introduction": "Tell the council what you think about its plans. Your views change things.",
}

# Each consultation's dates are days from the day the demo is loaded.
CONSULTATIONS = [
    {
        "title": "Our plan for unpaid carers, 2027 to 2030",
        "slug": "plan-for-unpaid-carers",
        "summary": (
            "We are writing a new plan to support people who look after someone. "
            "Tell us what would make the biggest difference to you."
        ),
        "audience": "everyone",
        "opens_in_days": -7,
        "closes_in_days": 21,
        "services": ["support-for-unpaid-carers"],
        "questions": [
            {
                "label": "The plan will make life better for carers",
                "field_type": "agreement",
                "help_text": "Choose the number that is closest to what you think.",
            },
            {
                "label": "Which of these matter most to you?",
                "field_type": "checkboxes",
                "choices": "Breaks from caring\nHelp with money\nAdvice in one place",
                "help_text": "Choose all that matter to you.",
                "required": False,
            },
            {
                "label": "What would help you most as a carer?",
                "field_type": "multiline",
                "help_text": "Write as much or as little as you like.",
            },
        ],
    },
    {
        "title": "A new easy read guide to direct payments",
        "slug": "easy-read-direct-payments",
        "summary": (
            "We have written an easy read guide to direct payments. Board members, please "
            "read it and tell us what to change before we print it."
        ),
        "audience": "members",
        "easy_read_guide": "direct-payments",
        "opens_in_days": -3,
        "closes_in_days": 11,
        "services": ["direct-payments"],
        "questions": [
            {
                "label": "Was the guide easy to understand?",
                "field_type": "radio",
                "choices": "Yes\nSome of it\nNo",
            },
            {
                "label": "What should we change?",
                "field_type": "multiline",
                "required": False,
            },
        ],
    },
    {
        "title": "Care at home visits at weekends",
        "slug": "weekend-care-visits",
        "summary": "We asked how weekend visits from carers could work better.",
        "audience": "everyone",
        "opens_in_days": -60,
        "closes_in_days": -10,
        "services": ["care-at-home"],
        "questions": [
            {
                "label": "How could weekend visits work better?",
                "field_type": "multiline",
            },
        ],
    },
]


# Easy read (boardhub.easyread): guides with one idea a row, each beside a picture drawn by
# draw_pictures.py. Each guide must pass the easy read check with no problems
# (boardhub/easyread/readability.py; tests/easyread/test_demo_guides.py checks it): sentences
# of 15 words or fewer, 1 to 3 sentences a row, everyday words, numbers as digits, and no
# passive sentences ("we pay", not "it is paid").

IMAGES += [
    {"file": "er-money.png", "title": "Easy read: bank note and coins"},
    {"file": "er-bank-card.png", "title": "Easy read: bank card"},
    {"file": "er-calendar.png", "title": "Easy read: calendar with a day ringed"},
    {"file": "er-receipts.png", "title": "Easy read: till receipt and a coin"},
    {"file": "er-you-choose.png", "title": "Easy read: a person and a big tick"},
    {"file": "er-care-worker.png", "title": "Easy read: care worker giving a cup of tea"},
    {"file": "er-two-people-talking.png", "title": "Easy read: two people talking"},
    {"file": "er-house.png", "title": "Easy read: a house"},
    {"file": "er-phone.png", "title": "Easy read: a mobile phone ringing"},
    {"file": "er-letter.png", "title": "Easy read: an envelope"},
    {"file": "er-list.png", "title": "Easy read: a list and a pencil"},
    {"file": "er-someone-with-you.png", "title": "Easy read: 2 people and a heart"},
    {"file": "er-tick.png", "title": "Easy read: a tick in a circle"},
    {"file": "er-ambulance.png", "title": "Easy read: an ambulance"},
    {"file": "er-doctor.png", "title": "Easy read: a doctor"},
    {"file": "er-chemist.png", "title": "Easy read: a chemist's cross and pills"},
    {"file": "er-town-hall.png", "title": "Easy read: Larkfield Town Hall"},
    {"file": "er-keep-safe.png", "title": "Easy read: a shield with a heart"},
    {"file": "er-stop.png", "title": "Easy read: a stop sign"},
]


def row(file, alt_text, text):
    return ("row", {"image": file, "alt_text": alt_text, "text": text})


def easy_heading(text):
    return ("heading", text)


def important(text):
    return ("important", text)


def hard_word(word, meaning):
    return ("hard_word", {"word": word, "meaning": meaning})


def contact(name, phone="", email="", address=""):
    return ("contact", {"name": name, "phone": phone, "email": email, "address": address})


# The same picture says the same thing wherever it is used.
ALT = {
    "er-money.png": "A pile of coins next to a bank note.",
    "er-bank-card.png": "A bank card.",
    "er-calendar.png": "A calendar with 1 day circled.",
    "er-receipts.png": "A till receipt and a coin.",
    "er-you-choose.png": "A person next to a big tick.",
    "er-care-worker.png": "A care worker giving a cup of tea to a woman.",
    "er-two-people-talking.png": "Two people talking to each other.",
    "er-house.png": "A house with a red roof.",
    "er-phone.png": "A mobile phone ringing.",
    "er-letter.png": "A letter in an envelope.",
    "er-list.png": "A list with boxes to tick, and a pencil.",
    "er-someone-with-you.png": "Two people side by side, with a heart above them.",
    "er-tick.png": "A big white tick in a green circle.",
    "er-ambulance.png": "An ambulance with its lights on.",
    "er-doctor.png": "A doctor in a white coat.",
    "er-chemist.png": "A green cross next to a bottle of pills.",
    "er-town-hall.png": "Larkfield Town Hall.",
    "er-keep-safe.png": "A blue shield with a white heart on it.",
    "er-stop.png": "A red stop sign.",
    "speech-bubbles.png": "Two speech bubbles. One has a tick in it.",
}


def picture_row(file, text):
    return row(file, ALT[file], text)


EASY_READ_INDEX = {
    "title": "Easy read",
    "slug": "easy-read",
    "introduction": (
        "Our easy read guides use short sentences and pictures. "
        "They tell you about care and support in Larkfield."
    ),
}

CHECKED_BY = "Larkfield Speak Up group"

EASY_READ_GUIDES = [
    {
        "title": "Direct payments",
        "slug": "direct-payments",
        "topic": "money",
        "summary": (
            "Direct payments are money from the council for your care. You choose how to spend it."
        ),
        "checked_by": CHECKED_BY,
        "checked_on": date(2026, 10, 14),
        "body": [
            picture_row(
                "er-money.png",
                "A direct payment is money from Larkfield Council. "
                "You use it to pay for your care and support.",
            ),
            picture_row(
                "er-you-choose.png", "You choose who helps you. You choose when they come."
            ),
            easy_heading("Who can get direct payments"),
            picture_row(
                "er-two-people-talking.png",
                "First we meet you and talk about the help you need. "
                "We call this a care assessment.",
            ),
            picture_row(
                "er-tick.png",
                "If you need care and support, you can ask for direct payments. "
                "Most people can get them.",
            ),
            easy_heading("How to use the money"),
            picture_row(
                "er-care-worker.png",
                "You can pay a care company to help you. Or you can pay a personal assistant.",
            ),
            hard_word(
                "Personal assistant",
                "Someone you pay to help you. They can help you at home or when you go out.",
            ),
            picture_row(
                "er-bank-card.png",
                "We pay the money into a bank account. Only use this account for your care.",
            ),
            picture_row(
                "er-calendar.png", "The money comes on the first working day of each month."
            ),
            picture_row(
                "er-receipts.png",
                "Keep your receipts and bank letters. We check them every 6 months.",
            ),
            important(
                "Only spend the money on your care and support. If you are not sure, ask us first."
            ),
            picture_row(
                "er-stop.png",
                "You can stop direct payments at any time. Then we sort out your care for you.",
            ),
            easy_heading("Who to ask"),
            contact(
                "The direct payments team",
                phone="01632 960001",
                email="directpayments@larkfield.example.org",
            ),
        ],
    },
    {
        "title": "Your care assessment",
        "slug": "your-care-assessment",
        "topic": "assessments",
        "summary": (
            "A care assessment is a talk about the help you need. "
            "This guide tells you what happens."
        ),
        "checked_by": CHECKED_BY,
        "checked_on": date(2026, 10, 14),
        "body": [
            easy_heading("What a care assessment is"),
            picture_row(
                "er-two-people-talking.png",
                "A care assessment is a talk with someone from the council. "
                "It helps us find out what help you need.",
            ),
            hard_word(
                "Assessor",
                "The person from the council who talks with you about the help you need.",
            ),
            picture_row(
                "er-house.png",
                "The assessor talks with you about your life and what you find hard. "
                "You can meet at home or talk on the phone.",
            ),
            picture_row(
                "er-calendar.png",
                "We will write to you with a date and time. "
                "Most people hear from us within 4 weeks.",
            ),
            easy_heading("Before you meet"),
            picture_row(
                "er-someone-with-you.png",
                "You can have someone with you. "
                "This can be a friend, a family member or a support worker.",
            ),
            picture_row(
                "er-list.png",
                "Make a list of the things you find hard. Bring your list to the meeting.",
            ),
            important("The care assessment is free. You do not have to pay for it."),
            easy_heading("After you meet"),
            picture_row(
                "er-letter.png",
                "We send you a letter about what we found out. It says what help you can get.",
            ),
            picture_row(
                "er-tick.png",
                "If you can get help, we make a care and support plan with you.",
            ),
            hard_word(
                "Care and support plan",
                "A plan that says what help you will get. It also says who will help you.",
            ),
            picture_row(
                "speech-bubbles.png",
                "If you do not agree with us, tell us. We will look at it again.",
            ),
            easy_heading("Who to ask"),
            contact(
                "Adult social care",
                phone="01632 960002",
                email="adultcare@larkfield.example.org",
            ),
        ],
    },
    {
        "title": "Know where to go for help",
        "slug": "know-where-to-go",
        "topic": "where_to_go",
        "summary": (
            "This guide tells you who to call when you need help. "
            "It helps you choose the right place."
        ),
        "checked_by": CHECKED_BY,
        "checked_on": date(2026, 11, 4),
        "body": [
            important("If someone is badly hurt or in danger, call 999 now."),
            easy_heading("If you are ill or hurt"),
            picture_row(
                "er-ambulance.png",
                "Call 999 for an ambulance if someone is very ill. "
                "Call 999 if someone cannot breathe.",
            ),
            picture_row(
                "er-phone.png",
                "Call 111 if you feel unwell and need advice fast. "
                "You can also go to the 111 website.",
            ),
            picture_row(
                "er-doctor.png",
                "Call your doctor's surgery to see a doctor or nurse. Try to call in the morning.",
            ),
            picture_row(
                "er-chemist.png",
                "A chemist can help with small health problems, like a cold. "
                "You do not need to book.",
            ),
            easy_heading("Help with care and support"),
            picture_row(
                "er-town-hall.png",
                "Call Larkfield Council if you need help at home. We can help your carer too.",
            ),
            hard_word(
                "Carer",
                "Someone who looks after a family member or a friend. "
                "They do not get money for this.",
            ),
            picture_row(
                "er-keep-safe.png",
                "Tell us if you think someone is not safe. We will listen and help.",
            ),
            picture_row(
                "speech-bubbles.png",
                "You can tell the board what you think about a service. "
                "We listen and make changes.",
            ),
            easy_heading("Who to ask"),
            contact(
                "Larkfield Council adult social care",
                phone="01632 960003",
                email="help@larkfield.example.org",
                address="Town Hall\nMarket Street\nLarkfield",
            ),
        ],
    },
]

# The standard version of "Your care assessment": a standard page that names the guide as
# its easy read version, so each links to the other.
CARE_ASSESSMENT = {
    "title": "Care and support assessments",
    "slug": "care-assessments",
    "show_in_menus": False,
    "easy_read_guide": "your-care-assessment",
    "introduction": (
        "If you need help with everyday life, or you look after someone who does, the council "
        "can assess what care and support you need. The assessment is free."
    ),
    "body": [
        heading("What happens in an assessment"),
        paragraph(
            "<p>An assessor from adult social care talks with you about your daily life: what "
            "you can do, what you find hard, and what matters to you. You can meet at home, at "
            "a place you choose, or by phone or video.</p>"
            "<p>You can have a friend, a family member, a support worker or an advocate with "
            "you. If you would find it hard to take part and have nobody to help, we will "
            "arrange an independent advocate for you.</p>"
        ),
        heading("How long it takes"),
        paragraph(
            "<p>We will contact you within 4 weeks of your request to arrange a date. If you "
            "wait longer, someone will call you to check how you are and whether anything has "
            "changed.</p>"
        ),
        heading("What happens next"),
        paragraph(
            "<p>We write to you with what we found and whether you are eligible for care and "
            "support under the Care Act 2014. If you are, we agree a care and support plan "
            "with you. You can choose to get some or all of your support as a direct "
            "payment.</p>"
            "<p>If you disagree with the outcome, tell us. We will review the decision, and "
            "you can also make a complaint.</p>"
        ),
        callout(
            "Ask for an assessment",
            f"<p>Call adult social care on {PHONE_LINK} or email {EMAIL_LINK}.</p>",
        ),
    ],
}
