"""Every address BoardHub serves, and who may use it: the one list of its doors.

Each URL pattern the project serves (boardhub/urls.py and everything it includes: Wagtail's
admin, its viewsets and snippets, allauth, BoardHub's apps) is a key of ROUTES, written as
the full pattern (`"admin/pages/<int:page_id>/edit/"`). Its value says who may use it and how
to ask for it. test_route_inventory.py fails when the resolver serves a pattern this list
does not name (a new route from an upgrade: someone must decide who may use it), when this
list names a pattern nothing serves any more, and when a route answers anyone outside its
audience, or refuses anyone in it.

Audiences: ANYONE (the public too), SIGNED_OUT (only people not signed in: an invitation link
must never join the invitation to whoever is signed in), MEMBER (any signed-in person),
officer groups (`groups(...)`: anyone in one of them, or in every group of a tuple, and
superusers), SUPERUSER, and NOBODY (the address only redirects elsewhere, or refuses: it
never serves a page of its own).

A sample is the address to ask for, with `{name.attribute}` filled in from the objects the
test makes (tests/security/conftest.py: `home`, `standard_page`, `consultation`, `feedback`,
`change`, `image`, ...) and `{me...}` from the person asking's own (`me.feedback`: their own
response). A route whose audience depends on the object (the bulk actions, Wagtail's pages)
lists a sample for each. Addresses that change data are asked for with GET, or, when they
take only POST, with a POST that changes nothing (an empty form, or a decision already made).
"""

from dataclasses import dataclass, field

EDITORS = "Editors"
MODERATORS = "Moderators"
FEEDBACK_HANDLERS = "Feedback handlers"
SAFEGUARDING = "Safeguarding"
# Given on top of reading responses; on its own it gives nothing, not even the admin.
FEEDBACK_DELETERS = "Feedback deleters"
# Requests for another format, and the admin to read them in (consultations.0007): nothing else.
FORMATS_TEAM_GROUP = "Accessible formats team"
MEETING_ORGANISERS_GROUP = "Meeting organisers"


@dataclass(frozen=True)
class Audience:
    """Who may use a route: the public (`signed_out`), any signed-in person (`members`),
    anyone in every group of one of the sets in `groups`, and superusers (`superuser`)."""

    label: str
    signed_out: bool = False
    members: bool = False
    groups: frozenset = frozenset()
    superuser: bool = False

    def includes(self, *, signed_in, superuser=False, groups=frozenset()):
        if not signed_in:
            return self.signed_out
        if superuser:
            return self.superuser
        return self.members or any(required <= groups for required in self.groups)

    def __str__(self):
        return self.label


def groups(*choices):
    """Officers in any of the groups named (a tuple of names: in all of those), and
    superusers."""
    sets = [frozenset((choice,) if isinstance(choice, str) else choice) for choice in choices]
    label = " or ".join(" and ".join(sorted(names)) for names in sets)
    return Audience(label, groups=frozenset(sets), superuser=True)


ANYONE = Audience("anyone", signed_out=True, members=True, superuser=True)
SIGNED_OUT = Audience("only people who are not signed in", signed_out=True)
MEMBER = Audience("any signed-in person", members=True, superuser=True)
OFFICERS = groups(
    EDITORS,
    MODERATORS,
    FEEDBACK_HANDLERS,
    SAFEGUARDING,
    FORMATS_TEAM_GROUP,
    MEETING_ORGANISERS_GROUP,
)
# "You said, we did" changes: every officer group but the Accessible formats team, which has
# the admin only for requests for another format.
CHANGE_OFFICERS = groups(EDITORS, MODERATORS, FEEDBACK_HANDLERS, SAFEGUARDING)
# The admin gate (boardhub.members.middleware) answers a signed-in member 403 under /admin/,
# even for the admin's icons, which the public and officers get.
NOT_MEMBERS = Audience(
    "anyone but signed-in members", signed_out=True, groups=OFFICERS.groups, superuser=True
)
PAGE_OFFICERS = groups(EDITORS, MODERATORS)
# What Wagtail's "chosen" views for a picture or document were found to answer when the
# Accessible formats team was added here (issue 14): that team too, though Feedback handlers
# are refused. Written down as found, to be looked into, not as a decision.
CHOSEN_FOR = groups(EDITORS, MODERATORS, FORMATS_TEAM_GROUP)
MODERATORS_ONLY = groups(MODERATORS)
HANDLERS = groups(FEEDBACK_HANDLERS, SAFEGUARDING)
SAFEGUARDERS = groups(SAFEGUARDING)
DELETERS = groups((FEEDBACK_HANDLERS, FEEDBACK_DELETERS), (SAFEGUARDING, FEEDBACK_DELETERS))
SUPERUSER = Audience("superusers only", superuser=True)
FORMATS_TEAM = groups(FORMATS_TEAM_GROUP)
ORGANISERS = groups(MEETING_ORGANISERS_GROUP)
NOBODY = Audience("nobody: it only redirects or refuses")


@dataclass(frozen=True)
class Route:
    """Who may use one URL pattern, and the request that shows it (`sample`, a GET unless
    `method` says otherwise, with `data` for a POST, its keys and values filled in as the
    sample is). `also_served`: statuses that mean served for this route alone."""

    audience: Audience
    sample: str
    method: str = "GET"
    data: dict = field(default_factory=dict)
    also_served: tuple = ()
    why: str = ""


def post(audience, sample, data=None, **details):
    """A route that takes only POST, asked with `data` (an empty form unless given)."""
    return Route(audience, sample, method="POST", data=data or {}, **details)


PAGE = "/admin/pages/{standard_page.pk}"
CHANGES = "/admin/snippets/impact/changerecord"
SERVICES = "/admin/snippets/services/service"
JARGON = "/admin/snippets/easyread/jargonterm"
MEETINGS = "/admin/snippets/meetings"


def snippet_routes(base, name, audience):
    """A snippet's admin addresses under `base`, all for `audience`."""
    one = "{" + name + ".pk}"
    return {
        base[1:] + "/": Route(audience, base + "/"),
        base[1:] + "/results/": Route(audience, base + "/results/"),
        base[1:] + "/add/": Route(audience, base + "/add/"),
        base[1:] + "/edit/<int:pk>/": Route(audience, f"{base}/edit/{one}/"),
        base[1:] + "/delete/<int:pk>/": Route(audience, f"{base}/delete/{one}/"),
        base[1:] + "/usage/<int:pk>/": Route(audience, f"{base}/usage/{one}/"),
        base[1:] + "/history/<int:pk>/": Route(audience, f"{base}/history/{one}/"),
        base[1:] + "/history-results/<int:pk>/": Route(audience, f"{base}/history-results/{one}/"),
        base[1:] + "/copy/<int:pk>/": Route(audience, f"{base}/copy/{one}/"),
    }


def meeting_snippet_routes(model, name):
    """A meetings snippet's admin addresses: for the Meeting organisers (and superusers)."""
    return snippet_routes(f"{MEETINGS}/{model}", name, ORGANISERS)


def chooser_routes(base, name, audience, creators):
    """A snippet's chooser under `base`: `audience` may choose one, `creators` add one."""
    return {
        base[1:] + "/": Route(audience, base + "/"),
        base[1:] + "/results/": Route(audience, base + "/results/"),
        base[1:] + "/chosen/<str:pk>/": Route(audience, f"{base}/chosen/{{{name}.pk}}/"),
        base[1:] + "/chosen-multiple/": Route(
            audience, f"{base}/chosen-multiple/?id={{{name}.pk}}"
        ),
        base[1:] + "/create/": Route(creators, base + "/create/"),
    }


def meeting_chooser_routes(model, name):
    """A meetings snippet's chooser: any officer may choose one (Wagtail's snippet choosers
    ask only for the admin), as an editor does for a meeting's venue; only organisers add."""
    return chooser_routes(f"/admin/snippets/choose/meetings/{model}", name, OFFICERS, ORGANISERS)


REFERENCES = "/admin/snippets/representation/referencepopulation"
# The board's make-up in detail, and the populations it is set against (representation 0002).
MAKE_UP = groups(MODERATORS, FEEDBACK_HANDLERS)

ROUTES = {
    # Who the board speaks for (boardhub.representation): reference populations and the
    # officers' view of the board's make-up.
    **snippet_routes(REFERENCES, "reference_population", MAKE_UP),
    **chooser_routes(
        "/admin/snippets/choose/representation/referencepopulation",
        "reference_population",
        OFFICERS,
        MAKE_UP,
    ),
    "admin/who-is-on-the-board/": Route(MAKE_UP, "/admin/who-is-on-the-board/"),
    "admin/who-is-on-the-board/recruitment/": Route(
        MAKE_UP, "/admin/who-is-on-the-board/recruitment/"
    ),
    "admin/who-is-on-the-board/taking-part/": Route(
        MAKE_UP, "/admin/who-is-on-the-board/taking-part/"
    ),
    # Reports count the responses the triage listing shows, to the same people.
    "admin/reports/volume/": Route(HANDLERS, "/admin/reports/volume/"),
    "admin/reports/themes/": Route(HANDLERS, "/admin/reports/themes/"),
    "admin/reports/keeping-in-touch/": Route(HANDLERS, "/admin/reports/keeping-in-touch/"),
    "admin/reports/learning/": Route(HANDLERS, "/admin/reports/learning/"),
    # Evidence packs: the reports' figures in one document, for the same people.
    "admin/reports/evidence-packs/": Route(HANDLERS, "/admin/reports/evidence-packs/"),
    "admin/reports/evidence-packs/new/": Route(HANDLERS, "/admin/reports/evidence-packs/new/"),
    "admin/reports/evidence-packs/<int:pk>/": Route(
        HANDLERS, "/admin/reports/evidence-packs/{evidence_pack.pk}/"
    ),
    "admin/reports/evidence-packs/<int:pk>/download/<str:kind>/": Route(
        HANDLERS, "/admin/reports/evidence-packs/{evidence_pack.pk}/download/pdf/"
    ),
    "admin/reports/evidence-packs/<int:pk>/retry/": post(
        HANDLERS, "/admin/reports/evidence-packs/{evidence_pack.pk}/retry/"
    ),
    "admin/reports/evidence-packs/<int:pk>/delete/": Route(
        HANDLERS, "/admin/reports/evidence-packs/{evidence_pack.pk}/delete/"
    ),
    # The action log's report, for those who keep the action log.
    "admin/reports/promises-kept/": Route(ORGANISERS, "/admin/reports/promises-kept/"),
    # Recruitment's lists (joining 0005): the Moderators, who handle joining, keep them.
    **snippet_routes("/admin/snippets/joining/howheard", "how_heard", MODERATORS_ONLY),
    **snippet_routes("/admin/snippets/joining/outreachevent", "outreach_event", MODERATORS_ONLY),
    **chooser_routes(
        "/admin/snippets/choose/joining/howheard", "how_heard", OFFICERS, MODERATORS_ONLY
    ),
    **chooser_routes(
        "/admin/snippets/choose/joining/outreachevent",
        "outreach_event",
        OFFICERS,
        MODERATORS_ONLY,
    ),
    # Meetings (boardhub.meetings): its snippets, their choosers, and who is coming.
    **meeting_snippet_routes("venue", "venue"),
    **meeting_snippet_routes("partner", "partner"),
    **meeting_snippet_routes("action", "action"),
    **meeting_chooser_routes("venue", "venue"),
    **meeting_chooser_routes("partner", "partner"),
    **meeting_chooser_routes("action", "action"),
    "^(?P<page_path>(?:[\\w\\-]+/)+)(?P<name>calendar|meeting)\\.ics$": Route(
        ANYONE, "/meetings/calendar.ics"
    ),
    "admin/meeting_pages/": Route(PAGE_OFFICERS, "/admin/meeting_pages/"),
    "admin/meeting_pages/results/": Route(PAGE_OFFICERS, "/admin/meeting_pages/results/"),
    # Wagtail's "choose where to add a meeting" answers any officer (as found), offering only
    # the pages each may add under: none for an officer without page permissions.
    "admin/meeting_pages/choose_parent/": Route(OFFICERS, "/admin/meeting_pages/choose_parent/"),
    "admin/who-is-coming/": Route(ORGANISERS, "/admin/who-is-coming/"),
    "admin/who-is-coming/<int:meeting_id>/": Route(
        ORGANISERS, "/admin/who-is-coming/{meeting.pk}/"
    ),
    "admin/who-is-coming/<int:meeting_id>/arrange/": post(
        ORGANISERS, "/admin/who-is-coming/{meeting.pk}/arrange/"
    ),
    "admin/who-is-coming/<int:meeting_id>/came/": post(
        ORGANISERS, "/admin/who-is-coming/{meeting.pk}/came/"
    ),
    "admin/who-is-coming/<int:meeting_id>/download/": Route(
        ORGANISERS, "/admin/who-is-coming/{meeting.pk}/download/"
    ),
    # Signing in is allauth's alone (issue 11, point 1): every other sign-in or sign-out form
    # and Django's own auth views lead to allauth's pages and serve nothing themselves.
    "admin/login/": Route(NOBODY, "/admin/login/"),
    "_util/login/": Route(NOBODY, "/_util/login/"),
    "admin/logout/": post(NOBODY, "/admin/logout/", why="Django's auth view; allauth signs out"),
    "admin/password_reset/": Route(NOBODY, "/admin/password_reset/"),
    "admin/password_reset/done/": Route(NOBODY, "/admin/password_reset/done/"),
    "admin/password_reset/confirm/<uidb64>/<token>/": Route(
        NOBODY, "/admin/password_reset/confirm/MQ/set-password/"
    ),
    "admin/password_reset/complete/": Route(NOBODY, "/admin/password_reset/complete/"),
    # People's answers have one door, the triage views (issue 11, point 3): Wagtail's
    # form-submission views lead there for consultations.
    "admin/forms/": Route(NOBODY, "/admin/forms/"),
    "admin/forms/results/": Route(NOBODY, "/admin/forms/results/"),
    "admin/forms/submissions/<int:page_id>/": Route(
        NOBODY, "/admin/forms/submissions/{consultation.pk}/"
    ),
    "admin/forms/submissions/<int:page_id>/results/": Route(
        NOBODY, "/admin/forms/submissions/{consultation.pk}/results/"
    ),
    "admin/forms/submissions/<int:page_id>/delete/": Route(
        NOBODY,
        "/admin/forms/submissions/{consultation.pk}/delete/?selected-submissions={feedback.pk}",
    ),
    # The admin's frame, and what every officer's pages use.
    "admin/": Route(OFFICERS, "/admin/"),
    "admin/test404/": Route(OFFICERS, "/admin/test404/", why="Wagtail's 'not found' page"),
    "admin/failwhale/": Route(
        OFFICERS, "/admin/failwhale/", also_served=(500,), why="Wagtail's test: it fails on purpose"
    ),
    "admin/^.*/$": Route(NOBODY, "/admin/no-such-page/", why="Wagtail's 'not found' for the admin"),
    "admin/sprite/": Route(NOT_MEMBERS, "/admin/sprite/", why="the admin's icons"),
    "admin/jsi18n/": Route(NOT_MEMBERS, "/admin/jsi18n/", why="the admin's translations"),
    "admin/account/": Route(OFFICERS, "/admin/account/"),
    "admin/dismissibles/": Route(OFFICERS, "/admin/dismissibles/"),
    "admin/block-preview/": Route(
        OFFICERS, "/admin/block-preview/?id={callout_block.definition_prefix}"
    ),
    (
        "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/"
        "<str:object_id>/<int:session_id>/"
    ): post(
        PAGE_OFFICERS,
        "/admin/editing-sessions/ping/wagtailcore/page/{standard_page.pk}/{editing_session.pk}/",
    ),
    "admin/editing-sessions/release/<int:session_id>/": post(
        OFFICERS, "/admin/editing-sessions/release/{editing_session.pk}/"
    ),
    "admin/tag-autocomplete/": Route(OFFICERS, "/admin/tag-autocomplete/?term=care"),
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/": Route(
        OFFICERS, "/admin/tag-autocomplete/taggit/tag/?term=care"
    ),
    # The admin's API, which its page explorer and choosers read.
    "admin/api/main/^pages/": Route(
        OFFICERS, "/admin/api/main/pages/", why="the page chooser of the change record editor"
    ),
    "admin/api/main/^pages/<int:pk>/": Route(PAGE_OFFICERS, "/admin/api/main/pages/{home.pk}/"),
    "admin/api/main/^pages/find/": Route(PAGE_OFFICERS, "/admin/api/main/pages/find/?html_path=/"),
    "admin/api/main/^pages/<int:pk>/action/<str:action_name>/": post(
        PAGE_OFFICERS,
        "/admin/api/main/pages/{standard_page.pk}/action/copy/",
        {"keep_live": "false", "slug": "a-copy"},
        why="a copy, undone with the probe's savepoint",
    ),
    # Every officer: documents and pictures outside private collections, which the public
    # site serves anyway.
    "admin/api/main/^documents/": Route(OFFICERS, "/admin/api/main/documents/"),
    "admin/api/main/^documents/<int:pk>/": Route(
        OFFICERS, "/admin/api/main/documents/{document.pk}/"
    ),
    "admin/api/main/^documents/find/": Route(
        OFFICERS, "/admin/api/main/documents/find/?id={document.pk}"
    ),
    "admin/api/main/^images/": Route(OFFICERS, "/admin/api/main/images/"),
    "admin/api/main/^images/<int:pk>/": Route(OFFICERS, "/admin/api/main/images/{image.pk}/"),
    "admin/api/main/^images/find/": Route(OFFICERS, "/admin/api/main/images/find/?id={image.pk}"),
    # Pages: Editors add and change them, Moderators also publish, unpublish, delete and move.
    "admin/pages/": Route(PAGE_OFFICERS, "/admin/pages/"),
    "admin/pages/<int:parent_page_id>/": Route(PAGE_OFFICERS, "/admin/pages/{home.pk}/"),
    "admin/pages/<int:parent_page_id>/results/": Route(
        PAGE_OFFICERS, "/admin/pages/{home.pk}/results/"
    ),
    (
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/"
    ): Route(PAGE_OFFICERS, "/admin/pages/add/core/standardpage/{home.pk}/"),
    (
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/preview/"
    ): Route(PAGE_OFFICERS, "/admin/pages/add/core/standardpage/{home.pk}/preview/"),
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": Route(
        PAGE_OFFICERS, "/admin/pages/usage/core/standardpage/"
    ),
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": Route(
        PAGE_OFFICERS, "/admin/pages/usage/core/standardpage/results/"
    ),
    "admin/pages/create/<slug:app_label>/<slug:model_name>": Route(
        OFFICERS,
        "/admin/pages/create/core/standardpage",
        why="lists only the pages the officer may add to",
    ),
    "admin/pages/<int:page_id>/usage/": Route(PAGE_OFFICERS, PAGE + "/usage/"),
    "admin/pages/<int:page_id>/edit/": Route(PAGE_OFFICERS, PAGE + "/edit/"),
    "admin/pages/<int:page_id>/edit/preview/": Route(PAGE_OFFICERS, PAGE + "/edit/preview/"),
    "admin/pages/<int:page_id>/view_draft/": Route(PAGE_OFFICERS, PAGE + "/view_draft/"),
    "admin/pages/<int:parent_page_id>/add_subpage/": Route(
        PAGE_OFFICERS, "/admin/pages/{home.pk}/add_subpage/"
    ),
    "admin/pages/<int:page_id>/delete/": Route(MODERATORS_ONLY, PAGE + "/delete/"),
    "admin/pages/<int:page_id>/unpublish/": Route(MODERATORS_ONLY, PAGE + "/unpublish/"),
    "admin/pages/<int:page_id>/convert_alias/": Route(
        NOBODY, PAGE + "/convert_alias/", why="for aliases only, and BoardHub has none"
    ),
    "admin/pages/search/": Route(PAGE_OFFICERS, "/admin/pages/search/?q=board"),
    "admin/pages/search/results/": Route(PAGE_OFFICERS, "/admin/pages/search/results/?q=board"),
    "admin/pages/<int:page_to_move_id>/move/": Route(MODERATORS_ONLY, PAGE + "/move/"),
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": Route(
        OFFICERS,
        PAGE + "/move/{home.pk}/confirm/",
        why="Wagtail asks anyone to confirm; moving checks the right (MovePageAction)",
    ),
    "admin/pages/<int:page_to_move_id>/set_position/": post(
        MODERATORS_ONLY, PAGE + "/set_position/", why="no position given: nothing moves"
    ),
    "admin/pages/<int:page_id>/copy/": Route(PAGE_OFFICERS, PAGE + "/copy/"),
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": Route(
        MODERATORS_ONLY,
        "/admin/pages/workflow/action/{in_moderation.pk}/approve/{task_state.pk}/",
    ),
    (
        "admin/pages/workflow/collect_action_data/<int:page_id>/"
        "<slug:action_name>/<int:task_state_id>/"
    ): Route(
        MODERATORS_ONLY,
        "/admin/pages/workflow/collect_action_data/{in_moderation.pk}/approve/{task_state.pk}/",
    ),
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/": Route(
        OFFICERS,
        "/admin/pages/workflow/confirm_cancellation/{in_moderation.pk}/",
        why="Wagtail asks anyone to confirm; cancelling checks the right",
    ),
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/": Route(
        MODERATORS_ONLY, "/admin/pages/workflow/preview/{in_moderation.pk}/{task.pk}/"
    ),
    "admin/pages/<int:page_id>/privacy/": Route(MODERATORS_ONLY, PAGE + "/privacy/"),
    "admin/pages/<int:page_id>/lock/": post(SUPERUSER, PAGE + "/lock/"),
    "admin/pages/<int:page_id>/unlock/": post(SUPERUSER, PAGE + "/unlock/"),
    "admin/pages/<int:page_id>/revisions/": Route(
        NOBODY, PAGE + "/revisions/", why="an old address: it leads to the page's history"
    ),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/": Route(
        PAGE_OFFICERS, PAGE + "/revisions/{standard_page.latest_revision_id}/view/"
    ),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/": Route(
        PAGE_OFFICERS, PAGE + "/revisions/{standard_page.latest_revision_id}/revert/"
    ),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": Route(
        MODERATORS_ONLY, PAGE + "/revisions/{standard_page.latest_revision_id}/unschedule/"
    ),
    (
        "admin/pages/^(?P<pk>\\d+)/revisions/compare/"
        "(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$"
    ): Route(PAGE_OFFICERS, PAGE + "/revisions/compare/earliest...latest/"),
    "admin/pages/<int:page_id>/workflow_history/": Route(
        PAGE_OFFICERS, "/admin/pages/{in_moderation.pk}/workflow_history/"
    ),
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": Route(
        PAGE_OFFICERS,
        "/admin/pages/{in_moderation.pk}/workflow_history/detail/{workflow_state.pk}/",
    ),
    "admin/pages/<int:page_id>/history/": Route(PAGE_OFFICERS, PAGE + "/history/"),
    "admin/pages/<int:page_id>/history/results/": Route(PAGE_OFFICERS, PAGE + "/history/results/"),
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": Route(
        OFFICERS,
        "/admin/bulk/consultations/feedback/acknowledge/?id={flagged_feedback.pk}",
        why="each action lists, and acts on, only what the officer may act on",
    ),
    # Choosers, inside the page and change record editors.
    "admin/choose-page/": Route(OFFICERS, "/admin/choose-page/"),
    "admin/choose-page/<int:parent_page_id>/": Route(OFFICERS, "/admin/choose-page/{home.pk}/"),
    "admin/choose-page/search/": Route(OFFICERS, "/admin/choose-page/search/?q=board"),
    "admin/choose-page/chosen-multiple/": Route(
        OFFICERS, "/admin/choose-page/chosen-multiple/?id={standard_page.pk}"
    ),
    "admin/choose-external-link/": Route(OFFICERS, "/admin/choose-external-link/"),
    "admin/choose-email-link/": Route(OFFICERS, "/admin/choose-email-link/"),
    "admin/choose-phone-link/": Route(OFFICERS, "/admin/choose-phone-link/"),
    "admin/choose-anchor-link/": Route(OFFICERS, "/admin/choose-anchor-link/"),
    # Every officer: the change record's evidence takes a document. Each lists only what the
    # officer may choose.
    "admin/documents/chooser/": Route(OFFICERS, "/admin/documents/chooser/"),
    "admin/documents/chooser/results/": Route(OFFICERS, "/admin/documents/chooser/results/"),
    "admin/documents/chooser/chosen/<str:pk>/": Route(
        CHOSEN_FOR, "/admin/documents/chooser/chosen/{document.pk}/"
    ),
    "admin/documents/chooser/chosen-multiple/": Route(
        OFFICERS, "/admin/documents/chooser/chosen-multiple/?id={document.pk}"
    ),
    "admin/documents/chooser/create/": Route(PAGE_OFFICERS, "/admin/documents/chooser/create/"),
    # Every officer: the change record's evidence takes a document. Each lists only what the
    # officer may choose.
    "admin/images/chooser/": Route(OFFICERS, "/admin/images/chooser/"),
    "admin/images/chooser/results/": Route(OFFICERS, "/admin/images/chooser/results/"),
    "admin/images/chooser/chosen/<str:pk>/": Route(
        CHOSEN_FOR, "/admin/images/chooser/chosen/{image.pk}/"
    ),
    "admin/images/chooser/chosen-multiple/": Route(
        OFFICERS, "/admin/images/chooser/chosen-multiple/?id={image.pk}"
    ),
    "admin/images/chooser/create/": Route(PAGE_OFFICERS, "/admin/images/chooser/create/"),
    "admin/images/chooser/<int:image_id>/select_format/": Route(
        CHOSEN_FOR, "/admin/images/chooser/{image.pk}/select_format/"
    ),
    "admin/embeds/chooser/": Route(OFFICERS, "/admin/embeds/chooser/"),
    "admin/embeds/chooser/upload/": post(OFFICERS, "/admin/embeds/chooser/upload/"),
    # Pictures and documents: Editors and Moderators add them and change their own.
    "admin/images/": Route(PAGE_OFFICERS, "/admin/images/"),
    "admin/images/results/": Route(PAGE_OFFICERS, "/admin/images/results/"),
    "admin/images/add/": Route(PAGE_OFFICERS, "/admin/images/add/"),
    "admin/images/<int:image_id>/": Route(SUPERUSER, "/admin/images/{image.pk}/"),
    "admin/images/<int:image_id>/delete/": Route(SUPERUSER, "/admin/images/{image.pk}/delete/"),
    # Not found for everyone: BoardHub does not route Wagtail's dynamic image serve view.
    "admin/images/<int:image_id>/generate_url/": Route(
        NOBODY, "/admin/images/{image.pk}/generate_url/"
    ),
    "admin/images/<int:image_id>/generate_url/output/": Route(
        NOBODY, "/admin/images/{image.pk}/generate_url/output/?filter_method=original"
    ),
    "admin/images/<int:image_id>/preview/<str:filter_spec>/": Route(
        SUPERUSER, "/admin/images/{image.pk}/preview/original/"
    ),
    "admin/images/usage/<int:image_id>/": Route(SUPERUSER, "/admin/images/usage/{image.pk}/"),
    "admin/images/multiple/add/": Route(PAGE_OFFICERS, "/admin/images/multiple/add/"),
    "admin/images/multiple/<int:image_id>/": post(SUPERUSER, "/admin/images/multiple/{image.pk}/"),
    "admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/": post(
        SUPERUSER,
        "/admin/images/multiple/create_from_uploaded_image/{uploaded_image.pk}/",
    ),
    "admin/images/multiple/<int:image_id>/delete/": post(
        SUPERUSER, "/admin/images/multiple/{image.pk}/delete/"
    ),
    "admin/images/multiple/delete_upload/<int:uploaded_file_id>/": post(
        SUPERUSER, "/admin/images/multiple/delete_upload/{uploaded_image.pk}/"
    ),
    "admin/documents/": Route(PAGE_OFFICERS, "/admin/documents/"),
    "admin/documents/results/": Route(PAGE_OFFICERS, "/admin/documents/results/"),
    "admin/documents/add/": Route(PAGE_OFFICERS, "/admin/documents/add/"),
    "admin/documents/edit/<int:document_id>/": Route(
        SUPERUSER, "/admin/documents/edit/{document.pk}/"
    ),
    "admin/documents/delete/<int:document_id>/": Route(
        SUPERUSER, "/admin/documents/delete/{document.pk}/"
    ),
    "admin/documents/usage/<int:document_id>/": Route(
        SUPERUSER, "/admin/documents/usage/{document.pk}/"
    ),
    "admin/documents/multiple/add/": Route(PAGE_OFFICERS, "/admin/documents/multiple/add/"),
    "admin/documents/multiple/<int:doc_id>/": post(
        SUPERUSER,
        "/admin/documents/multiple/{document.pk}/",
        {"doc-{document.pk}-title": "{document.title}"},
        why="saves the title it has",
    ),
    "admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/": post(
        SUPERUSER,
        "/admin/documents/multiple/create_from_uploaded_document/{uploaded_document.pk}/",
        {"uploaded-document-{uploaded_document.pk}-title": "Minutes"},
        also_served=(500,),
        why=(
            "only for whoever uploaded the file. Wagtail 8.0.1 fails here (500) whenever "
            "WAGTAILDOCS_EXTENSIONS is set: the document has no file yet when it is validated"
        ),
    ),
    "admin/documents/multiple/<int:doc_id>/delete/": post(
        SUPERUSER, "/admin/documents/multiple/{document.pk}/delete/"
    ),
    "admin/documents/multiple/delete_upload/<int:uploaded_file_id>/": post(
        SUPERUSER, "/admin/documents/multiple/delete_upload/{uploaded_document.pk}/"
    ),
    # Site structure: superusers only.
    "admin/collections/": Route(SUPERUSER, "/admin/collections/"),
    "admin/collections/add/": Route(SUPERUSER, "/admin/collections/add/"),
    "admin/collections/<int:pk>/": Route(SUPERUSER, "/admin/collections/{collection.pk}/"),
    "admin/collections/<int:pk>/delete/": Route(
        SUPERUSER, "/admin/collections/{collection.pk}/delete/"
    ),
    "admin/collections/<int:collection_id>/privacy/": Route(
        SUPERUSER, "/admin/collections/{collection.pk}/privacy/"
    ),
    "admin/workflows/list/": Route(SUPERUSER, "/admin/workflows/list/"),
    "admin/workflows/list/results/": Route(SUPERUSER, "/admin/workflows/list/results/"),
    "admin/workflows/add/": Route(SUPERUSER, "/admin/workflows/add/"),
    "admin/workflows/enable/<int:pk>/": post(SUPERUSER, "/admin/workflows/enable/{workflow.pk}/"),
    "admin/workflows/disable/<int:pk>/": Route(
        SUPERUSER, "/admin/workflows/disable/{workflow.pk}/"
    ),
    "admin/workflows/edit/<int:pk>/": Route(SUPERUSER, "/admin/workflows/edit/{workflow.pk}/"),
    "admin/workflows/usage/<int:pk>/": Route(SUPERUSER, "/admin/workflows/usage/{workflow.pk}/"),
    "admin/workflows/usage/<int:pk>/results/": Route(
        SUPERUSER, "/admin/workflows/usage/{workflow.pk}/results/"
    ),
    "admin/workflows/remove/<int:page_pk>/": post(
        SUPERUSER, "/admin/workflows/remove/{standard_page.pk}/", why="the page has none to remove"
    ),
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": post(
        SUPERUSER,
        "/admin/workflows/remove/{standard_page.pk}/{workflow.pk}/",
        why="the page has none to remove",
    ),
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/": Route(
        SUPERUSER, "/admin/workflows/tasks/add/wagtailcore/groupapprovaltask/"
    ),
    "admin/workflows/tasks/select_type/": Route(SUPERUSER, "/admin/workflows/tasks/select_type/"),
    "admin/workflows/tasks/index/": Route(SUPERUSER, "/admin/workflows/tasks/index/"),
    "admin/workflows/tasks/index/results/": Route(
        SUPERUSER, "/admin/workflows/tasks/index/results/"
    ),
    "admin/workflows/tasks/edit/<int:pk>/": Route(
        SUPERUSER, "/admin/workflows/tasks/edit/{task.pk}/"
    ),
    "admin/workflows/tasks/disable/<int:pk>/": Route(
        SUPERUSER, "/admin/workflows/tasks/disable/{task.pk}/"
    ),
    "admin/workflows/tasks/enable/<int:pk>/": post(
        SUPERUSER, "/admin/workflows/tasks/enable/{task.pk}/", why="it is enabled already"
    ),
    # Wagtail shows any officer the tasks' names; only superusers may create one.
    "admin/workflows/task_chooser/": Route(OFFICERS, "/admin/workflows/task_chooser/"),
    "admin/workflows/task_chooser/results/": Route(
        OFFICERS, "/admin/workflows/task_chooser/results/"
    ),
    "admin/workflows/task_chooser/create/": Route(
        OFFICERS, "/admin/workflows/task_chooser/create/"
    ),
    "admin/workflows/task_chooser/<int:task_id>/": Route(
        OFFICERS, "/admin/workflows/task_chooser/{task.pk}/"
    ),
    "admin/redirects/": Route(SUPERUSER, "/admin/redirects/"),
    "admin/redirects/results/": Route(SUPERUSER, "/admin/redirects/results/"),
    "admin/redirects/add/": Route(SUPERUSER, "/admin/redirects/add/"),
    "admin/redirects/<int:redirect_id>/": Route(SUPERUSER, "/admin/redirects/{redirect.pk}/"),
    "admin/redirects/<int:redirect_id>/delete/": Route(
        SUPERUSER, "/admin/redirects/{redirect.pk}/delete/"
    ),
    "admin/redirects/import/": Route(SUPERUSER, "/admin/redirects/import/"),
    "admin/redirects/import/process/": Route(
        SUPERUSER,
        "/admin/redirects/import/process/",
        also_served=(405,),
        why="it checks the right before the method, so a GET is answered 405 only if let in",
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/": Route(
        SUPERUSER, "/admin/settings/core/boardsettings/"
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": Route(
        SUPERUSER, "/admin/settings/core/boardsettings/{site.pk}/"
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": Route(
        NOBODY, "/admin/settings/core/boardsettings/{site.pk}/preview/"
    ),
    "admin/sites/": Route(SUPERUSER, "/admin/sites/"),
    "admin/sites/results/": Route(SUPERUSER, "/admin/sites/results/"),
    "admin/sites/new/": Route(SUPERUSER, "/admin/sites/new/"),
    "admin/sites/edit/<int:pk>/": Route(SUPERUSER, "/admin/sites/edit/{site.pk}/"),
    "admin/sites/delete/<int:pk>/": Route(SUPERUSER, "/admin/sites/delete/{site.pk}/"),
    "admin/sites/history/<int:pk>/": Route(SUPERUSER, "/admin/sites/history/{site.pk}/"),
    "admin/sites/history-results/<int:pk>/": Route(
        SUPERUSER, "/admin/sites/history-results/{site.pk}/"
    ),
    "admin/sites/usage/<int:pk>/": Route(SUPERUSER, "/admin/sites/usage/{site.pk}/"),
    "admin/sites/copy/<int:pk>/": Route(SUPERUSER, "/admin/sites/copy/{site.pk}/"),
    "admin/users/": Route(SUPERUSER, "/admin/users/"),
    "admin/users/results/": Route(SUPERUSER, "/admin/users/results/"),
    "admin/users/new/": Route(SUPERUSER, "/admin/users/new/"),
    "admin/users/edit/<int:pk>/": Route(SUPERUSER, "/admin/users/edit/{user.pk}/"),
    "admin/users/delete/<int:pk>/": Route(SUPERUSER, "/admin/users/delete/{user.pk}/"),
    "admin/users/history/<int:pk>/": Route(SUPERUSER, "/admin/users/history/{user.pk}/"),
    "admin/users/history-results/<int:pk>/": Route(
        SUPERUSER, "/admin/users/history-results/{user.pk}/"
    ),
    "admin/users/usage/<int:pk>/": Route(SUPERUSER, "/admin/users/usage/{user.pk}/"),
    "admin/users/copy/<int:pk>/": Route(SUPERUSER, "/admin/users/copy/{user.pk}/"),
    "admin/groups/": Route(SUPERUSER, "/admin/groups/"),
    "admin/groups/results/": Route(SUPERUSER, "/admin/groups/results/"),
    "admin/groups/new/": Route(SUPERUSER, "/admin/groups/new/"),
    "admin/groups/edit/<int:pk>/": Route(SUPERUSER, "/admin/groups/edit/{group.pk}/"),
    "admin/groups/delete/<int:pk>/": Route(SUPERUSER, "/admin/groups/delete/{group.pk}/"),
    "admin/groups/history/<int:pk>/": Route(SUPERUSER, "/admin/groups/history/{group.pk}/"),
    "admin/groups/history-results/<int:pk>/": Route(
        SUPERUSER, "/admin/groups/history-results/{group.pk}/"
    ),
    "admin/groups/usage/<int:pk>/": Route(SUPERUSER, "/admin/groups/usage/{group.pk}/"),
    # Reports.
    "admin/reports/locked/": Route(SUPERUSER, "/admin/reports/locked/"),
    "admin/reports/locked/results/": Route(SUPERUSER, "/admin/reports/locked/results/"),
    "admin/reports/workflow/": Route(PAGE_OFFICERS, "/admin/reports/workflow/"),
    "admin/reports/workflow/results/": Route(PAGE_OFFICERS, "/admin/reports/workflow/results/"),
    "admin/reports/workflow_tasks/": Route(PAGE_OFFICERS, "/admin/reports/workflow_tasks/"),
    "admin/reports/workflow_tasks/results/": Route(
        PAGE_OFFICERS, "/admin/reports/workflow_tasks/results/"
    ),
    # Every officer, each seeing the history of what they may see.
    "admin/reports/site-history/": Route(OFFICERS, "/admin/reports/site-history/"),
    "admin/reports/site-history/results/": Route(OFFICERS, "/admin/reports/site-history/results/"),
    "admin/reports/aging-pages/": Route(PAGE_OFFICERS, "/admin/reports/aging-pages/"),
    "admin/reports/aging-pages/results/": Route(
        PAGE_OFFICERS, "/admin/reports/aging-pages/results/"
    ),
    "admin/reports/page-types-usage/": Route(PAGE_OFFICERS, "/admin/reports/page-types-usage/"),
    "admin/reports/page-types-usage/results/": Route(
        PAGE_OFFICERS, "/admin/reports/page-types-usage/results/"
    ),
    "admin/snippets/": Route(
        NOBODY, "/admin/snippets/", why="each snippet has a menu item of its own instead"
    ),
    # Easy read: the readability check in the guide editor.
    "admin/easyread/check/": post(
        OFFICERS, "/admin/easyread/check/", why="reads what is posted, saves nothing"
    ),
    # Services (a snippet): superusers only, as no group is given rights over them.
    SERVICES[1:] + "/": Route(SUPERUSER, SERVICES + "/"),
    SERVICES[1:] + "/results/": Route(SUPERUSER, SERVICES + "/results/"),
    SERVICES[1:] + "/add/": Route(SUPERUSER, SERVICES + "/add/"),
    SERVICES[1:] + "/edit/<int:pk>/": Route(SUPERUSER, SERVICES + "/edit/{service.pk}/"),
    SERVICES[1:] + "/delete/<int:pk>/": Route(SUPERUSER, SERVICES + "/delete/{service.pk}/"),
    SERVICES[1:] + "/usage/<int:pk>/": Route(SUPERUSER, SERVICES + "/usage/{service.pk}/"),
    SERVICES[1:] + "/history/<int:pk>/": Route(SUPERUSER, SERVICES + "/history/{service.pk}/"),
    SERVICES[1:] + "/history-results/<int:pk>/": Route(
        SUPERUSER, SERVICES + "/history-results/{service.pk}/"
    ),
    SERVICES[1:] + "/copy/<int:pk>/": Route(SUPERUSER, SERVICES + "/copy/{service.pk}/"),
    "admin/snippets/choose/services/service/": Route(
        OFFICERS, "/admin/snippets/choose/services/service/"
    ),
    "admin/snippets/choose/services/service/results/": Route(
        OFFICERS, "/admin/snippets/choose/services/service/results/"
    ),
    "admin/snippets/choose/services/service/chosen/<str:pk>/": Route(
        OFFICERS, "/admin/snippets/choose/services/service/chosen/{service.pk}/"
    ),
    "admin/snippets/choose/services/service/chosen-multiple/": Route(
        OFFICERS, "/admin/snippets/choose/services/service/chosen-multiple/?id={service.pk}"
    ),
    "admin/snippets/choose/services/service/create/": Route(
        SUPERUSER, "/admin/snippets/choose/services/service/create/"
    ),
    # "You said, we did" change records: every officer group writes them, Moderators publish
    # and delete them, and only those who read feedback link responses to them.
    CHANGES[1:] + "/": Route(CHANGE_OFFICERS, CHANGES + "/"),
    CHANGES[1:] + "/results/": Route(CHANGE_OFFICERS, CHANGES + "/results/"),
    CHANGES[1:] + "/add/": Route(CHANGE_OFFICERS, CHANGES + "/add/"),
    CHANGES[1:] + "/edit/<int:pk>/": Route(CHANGE_OFFICERS, CHANGES + "/edit/{change.pk}/"),
    CHANGES[1:] + "/delete/<int:pk>/": Route(MODERATORS_ONLY, CHANGES + "/delete/{change.pk}/"),
    CHANGES[1:] + "/usage/<int:pk>/": Route(CHANGE_OFFICERS, CHANGES + "/usage/{change.pk}/"),
    CHANGES[1:] + "/history/<int:pk>/": Route(CHANGE_OFFICERS, CHANGES + "/history/{change.pk}/"),
    CHANGES[1:] + "/history-results/<int:pk>/": Route(
        CHANGE_OFFICERS, CHANGES + "/history-results/{change.pk}/"
    ),
    CHANGES[1:] + "/preview/": Route(CHANGE_OFFICERS, CHANGES + "/preview/"),
    CHANGES[1:] + "/preview/<int:pk>/": Route(CHANGE_OFFICERS, CHANGES + "/preview/{change.pk}/"),
    CHANGES[1:] + "/history/<int:pk>/revisions/<int:revision_id>/view/": Route(
        CHANGE_OFFICERS,
        CHANGES + "/history/{change.pk}/revisions/{change.latest_revision_id}/view/",
    ),
    CHANGES[1:] + "/history/<int:pk>/revisions/<int:revision_id>/revert/": Route(
        CHANGE_OFFICERS,
        CHANGES + "/history/{change.pk}/revisions/{change.latest_revision_id}/revert/",
    ),
    CHANGES[1:] + "/history/(?P<pk>.+)/revisions/compare/"
    "(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": Route(
        CHANGE_OFFICERS, CHANGES + "/history/{change.pk}/revisions/compare/earliest...latest/"
    ),
    CHANGES[1:] + "/history/<int:pk>/revisions/<int:revision_id>/unschedule/": Route(
        MODERATORS_ONLY,
        CHANGES + "/history/{change.pk}/revisions/{change.latest_revision_id}/unschedule/",
    ),
    CHANGES[1:] + "/unpublish/<int:pk>/": Route(
        MODERATORS_ONLY, CHANGES + "/unpublish/{change.pk}/"
    ),
    CHANGES[1:] + "/lock/<int:pk>/": post(SUPERUSER, CHANGES + "/lock/{change.pk}/"),
    CHANGES[1:] + "/unlock/<int:pk>/": post(SUPERUSER, CHANGES + "/unlock/{change.pk}/"),
    CHANGES[1:] + "/workflow/action/<int:pk>/<slug:action_name>/<int:task_state_id>/": Route(
        MODERATORS_ONLY,
        CHANGES + "/workflow/action/{change_in_moderation.pk}/approve/{change_task_state.pk}/",
    ),
    CHANGES[1:]
    + "/workflow/collect_action_data/<int:pk>/<slug:action_name>/<int:task_state_id>/": Route(
        MODERATORS_ONLY,
        CHANGES
        + "/workflow/collect_action_data/{change_in_moderation.pk}/approve/{change_task_state.pk}/",
    ),
    CHANGES[1:] + "/workflow/confirm_cancellation/<int:pk>/": Route(
        OFFICERS, CHANGES + "/workflow/confirm_cancellation/{change_in_moderation.pk}/"
    ),
    CHANGES[1:] + "/workflow_history/<int:pk>/": Route(
        CHANGE_OFFICERS, CHANGES + "/workflow_history/{change_in_moderation.pk}/"
    ),
    CHANGES[1:] + "/workflow_history/<int:pk>/detail/<int:workflow_state_id>/": Route(
        CHANGE_OFFICERS,
        CHANGES + "/workflow_history/{change_in_moderation.pk}/detail/{change_workflow_state.pk}/",
    ),
    CHANGES[1:] + "/workflow/preview/<int:pk>/<int:task_id>/": Route(
        MODERATORS_ONLY, CHANGES + "/workflow/preview/{change_in_moderation.pk}/{task.pk}/"
    ),
    CHANGES[1:] + "/link/<int:pk>/": Route(HANDLERS, CHANGES + "/link/{change.pk}/"),
    CHANGES[1:] + "/unlink/<int:link_pk>/": Route(HANDLERS, CHANGES + "/unlink/{change_link.pk}/"),
    "admin/snippets/choose/impact/changerecord/": Route(
        OFFICERS, "/admin/snippets/choose/impact/changerecord/"
    ),
    "admin/snippets/choose/impact/changerecord/results/": Route(
        OFFICERS, "/admin/snippets/choose/impact/changerecord/results/"
    ),
    "admin/snippets/choose/impact/changerecord/chosen/<str:pk>/": Route(
        OFFICERS, "/admin/snippets/choose/impact/changerecord/chosen/{change.pk}/"
    ),
    "admin/snippets/choose/impact/changerecord/chosen-multiple/": Route(
        OFFICERS, "/admin/snippets/choose/impact/changerecord/chosen-multiple/?id={change.pk}"
    ),
    "admin/snippets/choose/impact/changerecord/create/": Route(
        CHANGE_OFFICERS, "/admin/snippets/choose/impact/changerecord/create/"
    ),
    # The jargon list the readability check reads: Editors and Moderators.
    JARGON[1:] + "/": Route(PAGE_OFFICERS, JARGON + "/"),
    JARGON[1:] + "/results/": Route(PAGE_OFFICERS, JARGON + "/results/"),
    JARGON[1:] + "/add/": Route(PAGE_OFFICERS, JARGON + "/add/"),
    JARGON[1:] + "/edit/<int:pk>/": Route(PAGE_OFFICERS, JARGON + "/edit/{jargon_term.pk}/"),
    JARGON[1:] + "/delete/<int:pk>/": Route(MODERATORS_ONLY, JARGON + "/delete/{jargon_term.pk}/"),
    JARGON[1:] + "/usage/<int:pk>/": Route(PAGE_OFFICERS, JARGON + "/usage/{jargon_term.pk}/"),
    JARGON[1:] + "/history/<int:pk>/": Route(PAGE_OFFICERS, JARGON + "/history/{jargon_term.pk}/"),
    JARGON[1:] + "/history-results/<int:pk>/": Route(
        PAGE_OFFICERS, JARGON + "/history-results/{jargon_term.pk}/"
    ),
    JARGON[1:] + "/copy/<int:pk>/": Route(PAGE_OFFICERS, JARGON + "/copy/{jargon_term.pk}/"),
    "admin/snippets/choose/easyread/jargonterm/": Route(
        OFFICERS, "/admin/snippets/choose/easyread/jargonterm/"
    ),
    "admin/snippets/choose/easyread/jargonterm/results/": Route(
        OFFICERS, "/admin/snippets/choose/easyread/jargonterm/results/"
    ),
    "admin/snippets/choose/easyread/jargonterm/chosen/<str:pk>/": Route(
        OFFICERS, "/admin/snippets/choose/easyread/jargonterm/chosen/{jargon_term.pk}/"
    ),
    "admin/snippets/choose/easyread/jargonterm/chosen-multiple/": Route(
        OFFICERS,
        "/admin/snippets/choose/easyread/jargonterm/chosen-multiple/?id={jargon_term.pk}",
    ),
    "admin/snippets/choose/easyread/jargonterm/create/": Route(
        PAGE_OFFICERS, "/admin/snippets/choose/easyread/jargonterm/create/"
    ),
    # Joining the board: Moderators invite people and decide on applications.
    "admin/applications/": Route(MODERATORS_ONLY, "/admin/applications/"),
    "admin/applications/results/": Route(MODERATORS_ONLY, "/admin/applications/results/"),
    "admin/applications/new/": Route(
        NOBODY, "/admin/applications/new/", why="people apply at /join/"
    ),
    "admin/applications/edit/<int:pk>/": Route(
        NOBODY, "/admin/applications/edit/{application.pk}/", why="the applicant's own words"
    ),
    "admin/applications/delete/<int:pk>/": Route(
        SUPERUSER, "/admin/applications/delete/{application.pk}/"
    ),
    "admin/applications/history/<int:pk>/": Route(
        SUPERUSER, "/admin/applications/history/{application.pk}/"
    ),
    "admin/applications/history-results/<int:pk>/": Route(
        SUPERUSER, "/admin/applications/history-results/{application.pk}/"
    ),
    "admin/applications/usage/<int:pk>/": Route(
        NOBODY, "/admin/applications/usage/{application.pk}/", why="needs a right to change"
    ),
    "admin/applications/inspect/<int:pk>/": Route(
        MODERATORS_ONLY, "/admin/applications/inspect/{application.pk}/"
    ),
    "admin/applications/approve/<int:pk>/": post(
        MODERATORS_ONLY,
        "/admin/applications/approve/{decided_application.pk}/",
        why="decided already: nothing changes",
    ),
    "admin/applications/decline/<int:pk>/": Route(
        MODERATORS_ONLY, "/admin/applications/decline/{application.pk}/"
    ),
    "admin/invitations/": Route(MODERATORS_ONLY, "/admin/invitations/"),
    "admin/invitations/results/": Route(MODERATORS_ONLY, "/admin/invitations/results/"),
    "admin/invitations/new/": Route(MODERATORS_ONLY, "/admin/invitations/new/"),
    "admin/invitations/edit/<int:pk>/": Route(
        NOBODY, "/admin/invitations/edit/{invitation.pk}/", why="send a new one instead"
    ),
    "admin/invitations/delete/<int:pk>/": Route(
        SUPERUSER, "/admin/invitations/delete/{invitation.pk}/"
    ),
    "admin/invitations/history/<int:pk>/": Route(
        MODERATORS_ONLY, "/admin/invitations/history/{invitation.pk}/"
    ),
    "admin/invitations/history-results/<int:pk>/": Route(
        MODERATORS_ONLY, "/admin/invitations/history-results/{invitation.pk}/"
    ),
    "admin/invitations/usage/<int:pk>/": Route(
        NOBODY, "/admin/invitations/usage/{invitation.pk}/", why="needs a right to change"
    ),
    "admin/invitations/inspect/<int:pk>/": Route(
        MODERATORS_ONLY, "/admin/invitations/inspect/{invitation.pk}/"
    ),
    # Requests for a consultation in another format: the Accessible formats team
    # (consultations.0007) reads and handles them; deleting one stays with superusers.
    "admin/format-requests/": Route(FORMATS_TEAM, "/admin/format-requests/"),
    "admin/format-requests/results/": Route(FORMATS_TEAM, "/admin/format-requests/results/"),
    "admin/format-requests/handle/<int:pk>/": Route(
        FORMATS_TEAM, "/admin/format-requests/handle/{format_request.pk}/"
    ),
    "admin/format-requests/new/": Route(
        NOBODY, "/admin/format-requests/new/", why="the person's own words"
    ),
    "admin/format-requests/edit/<int:pk>/": Route(
        NOBODY, "/admin/format-requests/edit/{format_request.pk}/", why="the person's own words"
    ),
    "admin/format-requests/delete/<int:pk>/": Route(
        SUPERUSER, "/admin/format-requests/delete/{format_request.pk}/"
    ),
    "admin/format-requests/history/<int:pk>/": Route(
        SUPERUSER, "/admin/format-requests/history/{format_request.pk}/"
    ),
    "admin/format-requests/history-results/<int:pk>/": Route(
        SUPERUSER, "/admin/format-requests/history-results/{format_request.pk}/"
    ),
    "admin/format-requests/usage/<int:pk>/": Route(
        NOBODY, "/admin/format-requests/usage/{format_request.pk}/", why="needs a right to change"
    ),
    "admin/format-requests/inspect/<int:pk>/": Route(
        FORMATS_TEAM, "/admin/format-requests/inspect/{format_request.pk}/"
    ),
    # A member's communication needs (feedback.member_page), never their equality answers.
    "admin/board-members/<int:user_id>/": Route(HANDLERS, "/admin/board-members/{user.pk}/"),
    # Background tasks that failed for good (emails not sent, with whom they were for):
    # whoever has core.retry_failed_task, given to Feedback handlers and Safeguarding.
    "admin/failed-tasks/": Route(HANDLERS, "/admin/failed-tasks/"),
    "admin/failed-tasks/<uuid:pk>/": Route(HANDLERS, "/admin/failed-tasks/{failed_task.pk}/"),
    "admin/failed-tasks/<uuid:pk>/try-again/": post(
        HANDLERS,
        "/admin/failed-tasks/{failed_task.pk}/try-again/",
        why="a task already tried again: nothing is queued",
    ),
    # Messages to people to send by hand (boardhub.notifications.to_contact).
    "admin/to-contact/": Route(HANDLERS, "/admin/to-contact/"),
    "admin/to-contact/<int:pk>/done/": post(
        HANDLERS,
        "/admin/to-contact/{notification.pk}/done/",
        why="a message already marked done: nothing changes",
    ),
    # "Messages we send": every message previewed from made-up details
    # (boardhub.notifications.preview_views).
    "admin/messages-we-send/": Route(HANDLERS, "/admin/messages-we-send/"),
    "admin/messages-we-send/<slug:key>/": Route(
        HANDLERS, "/admin/messages-we-send/feedback_receipt/"
    ),
    "admin/messages-we-send/<slug:key>/<slug:variant>/email/": Route(
        HANDLERS, "/admin/messages-we-send/feedback_receipt/easy_read/email/"
    ),
    # People's feedback: Feedback handlers and Safeguarding; flagged responses Safeguarding only.
    "admin/feedback/": Route(HANDLERS, "/admin/feedback/"),
    "admin/feedback/results/": Route(HANDLERS, "/admin/feedback/results/"),
    "admin/feedback/new/": Route(NOBODY, "/admin/feedback/new/", why="people's own words"),
    "admin/feedback/edit/<int:pk>/": Route(
        NOBODY, "/admin/feedback/edit/{feedback.pk}/", why="people's own words"
    ),
    # Deleting someone's words: only Feedback deleters who read responses (issue 11, point 3).
    "admin/feedback/delete/<int:pk>/": Route(DELETERS, "/admin/feedback/delete/{feedback.pk}/"),
    # Wagtail's history needs a right to change or delete: Feedback deleters. Handlers read a
    # response's history on its own page.
    "admin/feedback/history/<int:pk>/": Route(DELETERS, "/admin/feedback/history/{feedback.pk}/"),
    "admin/feedback/history-results/<int:pk>/": Route(
        DELETERS, "/admin/feedback/history-results/{feedback.pk}/"
    ),
    "admin/feedback/usage/<int:pk>/": Route(
        NOBODY, "/admin/feedback/usage/{feedback.pk}/", why="needs a right to change"
    ),
    # A response's page, and its one form (status, theme, notes) posted to it.
    "admin/feedback/inspect/<int:pk>/": (
        Route(HANDLERS, "/admin/feedback/inspect/{feedback.pk}/"),
        Route(SAFEGUARDERS, "/admin/feedback/inspect/{flagged_feedback.pk}/"),
        post(
            HANDLERS, "/admin/feedback/inspect/{feedback.pk}/", why="an empty form: nothing changes"
        ),
        post(
            SAFEGUARDERS,
            "/admin/feedback/inspect/{flagged_feedback.pk}/",
            why="an empty form: nothing changes",
        ),
    ),
    "admin/feedback/flag/<int:pk>/": post(
        HANDLERS, "/admin/feedback/flag/{feedback.pk}/", why="an empty form: nothing changes"
    ),
    # Recording input gathered off-line, drop-in sessions and the scans of paper forms: the
    # feedback groups only (feedback/recording.py, sessions.py).
    "admin/feedback/record/": Route(HANDLERS, "/admin/feedback/record/"),
    "admin/feedback/record/consultation/<int:page_id>/": (
        Route(HANDLERS, "/admin/feedback/record/consultation/{consultation.pk}/"),
        post(
            HANDLERS,
            "/admin/feedback/record/consultation/{consultation.pk}/",
            why="an empty form: nothing is stored",
        ),
    ),
    "admin/feedback/record/tell-us/": Route(
        HANDLERS, "/admin/feedback/record/tell-us/", also_served=(404,), why="no Tell us page yet"
    ),
    "admin/feedback/recorded/<int:pk>/": Route(
        HANDLERS, "/admin/feedback/recorded/{recorded_feedback.pk}/"
    ),
    "admin/feedback/scan/<int:pk>/": Route(
        HANDLERS, "/admin/feedback/scan/{recorded_feedback.pk}/"
    ),
    "admin/feedback/sessions/": Route(HANDLERS, "/admin/feedback/sessions/"),
    "admin/feedback/sessions/open/": (
        Route(HANDLERS, "/admin/feedback/sessions/open/"),
        post(
            HANDLERS,
            "/admin/feedback/sessions/open/",
            why="an empty form: nothing is opened",
        ),
    ),
    "admin/feedback/sessions/<int:pk>/": Route(
        HANDLERS, "/admin/feedback/sessions/{drop_in_session.pk}/"
    ),
    # allauth: signing in, the account's email, password and two-factor.
    "accounts/login/": Route(ANYONE, "/accounts/login/"),
    "accounts/login/code/": Route(ANYONE, "/accounts/login/code/"),
    "accounts/login/code/confirm/": Route(
        NOBODY, "/accounts/login/code/confirm/", why="only in the middle of signing in"
    ),
    "accounts/logout/": Route(ANYONE, "/accounts/logout/", why="the public are sent home"),
    "accounts/inactive/": Route(ANYONE, "/accounts/inactive/"),
    "accounts/signup/": Route(ANYONE, "/accounts/signup/", why="closed without an invitation"),
    "accounts/reauthenticate/": Route(MEMBER, "/accounts/reauthenticate/"),
    "accounts/reauthenticate/code/": Route(MEMBER, "/accounts/reauthenticate/code/"),
    "accounts/email/": Route(MEMBER, "/accounts/email/"),
    "accounts/confirm-email/": Route(ANYONE, "/accounts/confirm-email/"),
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": Route(
        ANYONE, "/accounts/confirm-email/not-a-real-key/"
    ),
    "accounts/password/change/": Route(MEMBER, "/accounts/password/change/"),
    "accounts/password/set/": Route(MEMBER, "/accounts/password/set/"),
    "accounts/password/reset/": Route(ANYONE, "/accounts/password/reset/"),
    "accounts/password/reset/done/": Route(ANYONE, "/accounts/password/reset/done/"),
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": Route(
        ANYONE, "/accounts/password/reset/key/1-not-a-real-key/"
    ),
    "accounts/password/reset/key/done/": Route(ANYONE, "/accounts/password/reset/key/done/"),
    "accounts/2fa/": Route(MEMBER, "/accounts/2fa/"),
    "accounts/2fa/authenticate/": Route(
        NOBODY, "/accounts/2fa/authenticate/", why="only in the middle of signing in"
    ),
    "accounts/2fa/reauthenticate/": Route(MEMBER, "/accounts/2fa/reauthenticate/"),
    "accounts/2fa/totp/activate/": Route(MEMBER, "/accounts/2fa/totp/activate/"),
    "accounts/2fa/totp/deactivate/": Route(MEMBER, "/accounts/2fa/totp/deactivate/"),
    "accounts/2fa/recovery-codes/": Route(MEMBER, "/accounts/2fa/recovery-codes/"),
    "accounts/2fa/recovery-codes/generate/": Route(
        MEMBER, "/accounts/2fa/recovery-codes/generate/"
    ),
    "accounts/2fa/recovery-codes/download/": Route(
        MEMBER, "/accounts/2fa/recovery-codes/download/"
    ),
    "accounts/2fa/webauthn/": Route(MEMBER, "/accounts/2fa/webauthn/"),
    "accounts/2fa/webauthn/add/": Route(MEMBER, "/accounts/2fa/webauthn/add/"),
    "accounts/2fa/webauthn/reauthenticate/": Route(
        MEMBER, "/accounts/2fa/webauthn/reauthenticate/"
    ),
    "accounts/2fa/webauthn/keys/<int:pk>/remove/": Route(
        MEMBER, "/accounts/2fa/webauthn/keys/{me.passkey.pk}/remove/"
    ),
    "accounts/2fa/webauthn/keys/<int:pk>/edit/": Route(
        MEMBER, "/accounts/2fa/webauthn/keys/{me.passkey.pk}/edit/"
    ),
    # The account area: each page shows the signed-in person their own data.
    "account/": Route(MEMBER, "/account/"),
    "account/profile/": Route(MEMBER, "/account/profile/"),
    "account/feedback/": Route(MEMBER, "/account/feedback/"),
    "account/feedback/<str:reference>/": Route(
        MEMBER, "/account/feedback/{me.feedback.reference}/"
    ),
    "account/what-my-feedback-changed/": Route(MEMBER, "/account/what-my-feedback-changed/"),
    "account/keep-signed-in/": post(MEMBER, "/account/keep-signed-in/"),
    "account/equality-monitoring/": Route(MEMBER, "/account/equality-monitoring/"),
    "account/equality-monitoring/withdraw/": Route(
        MEMBER, "/account/equality-monitoring/withdraw/"
    ),
    "account/your-data/": Route(MEMBER, "/account/your-data/"),
    "account/your-data/summary/": Route(MEMBER, "/account/your-data/summary/"),
    "account/your-data/download/": Route(MEMBER, "/account/your-data/download/"),
    "account/your-data/delete/": Route(MEMBER, "/account/your-data/delete/"),
    "account/your-data/deleted/": Route(ANYONE, "/account/your-data/deleted/"),
    # Joining the board.
    "join/": Route(ANYONE, "/join/"),
    "join/application-sent/": Route(ANYONE, "/join/application-sent/"),
    "join/invitation/<str:token>/": Route(SIGNED_OUT, "/join/invitation/{invitation.token}/"),
    "join/invitation/<str:token>/new/": post(
        ANYONE, "/join/invitation/{invitation.token}/new/", why="not run out: nothing is sent"
    ),
    # The public site.
    "^((?:[\\w\\-]+/)*)$": (
        Route(ANYONE, "/"),
        Route(ANYONE, "{consultation.url}"),
        Route(ANYONE, "{guide.url}"),
        Route(ANYONE, "{you_said_we_did.url}changes/{change.pk}/"),
        Route(MEMBER, "{private_page.url}"),
        Route(ANYONE, "{members_consultation.url}", why="anyone reads it"),
        post(MEMBER, "{members_consultation.url}", why="only members answer; an empty form"),
    ),
    "^(?P<page_path>(?:[\\w\\-]+/)+)open-data\\.(?P<extension>csv|json)$": Route(
        ANYONE, "{you_said_we_did.url}open-data.csv"
    ),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": Route(
        ANYONE, "/_util/authenticate_with_password/{page_password.pk}/{password_page.pk}/"
    ),
    "documents/^(\\d+)/(.*)$": Route(ANYONE, "{document.url}"),
    "documents/authenticate_with_password/<int:restriction_id>/": Route(
        ANYONE, "/documents/authenticate_with_password/{document_password.pk}/"
    ),
    "search/": Route(ANYONE, "/search/?query=care"),
    "reader-preferences/": Route(ANYONE, "/reader-preferences/"),
    "health/live/": Route(ANYONE, "/health/live/"),
    "health/ready/": Route(ANYONE, "/health/ready/"),
}
