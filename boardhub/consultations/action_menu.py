"""One clear way to publish, for officers who may publish.

Wagtail shows a moderator "Save draft" as the main button, with "Publish" and "Submit to
Moderators approval" side by side under it, and, once an editor has sent something for
approval, "Approve and Publish" beside "Publish" too: several ways to the same end, with
nothing to say which to use. The invariant here: someone who may publish sees ONE main button
that publishes ("Publish", or "Approve and publish" when an editor has asked for approval),
never a way to send their own work for approval, and the other actions in plain words. Officers
who may not publish keep Wagtail's menu: "Save draft", then "Submit to Moderators approval".

The pages' hook (this app's wagtail_hooks) and the change records' hook (impact's) both call
`one_way_to_publish`; it only reorders the menu and relabels the items made for this request.
"""

PUBLISH = "action-publish"
SUBMIT = "action-submit"
RESTART_WORKFLOW = "action-restart-workflow"
APPROVE = "approve"
REJECT = "reject"

APPROVE_LABEL = "Approve and publish"
APPROVE_WITH_COMMENT_LABEL = "Approve and publish, with a comment"
REJECT_LABEL = "Ask for changes"


def _is_final_task(context):
    obj = context.get("page") or context.get("instance")
    state = getattr(obj, "current_workflow_state", None) if obj is not None else None
    return state is not None and state.is_at_final_task


def one_way_to_publish(menu_items, context):
    """Reorder and relabel `menu_items` (the list a Wagtail action menu hook is given, with its
    `context`) in place, so that the first, the main button, is the one way to publish. Changes
    nothing for officers who may not publish (no "Publish" item)."""
    publish = next((item for item in menu_items if item.name == PUBLISH), None)
    if publish is None:
        return
    # Someone who may publish needs nobody's approval: sending it for approval is a second way.
    menu_items[:] = [item for item in menu_items if item.name not in (SUBMIT, RESTART_WORKFLOW)]
    approvals = [item for item in menu_items if item.name == APPROVE]
    main = publish
    if approvals and _is_final_task(context):
        # An editor asked for approval, and approving publishes it, so "Publish" beside it
        # would be the same thing in other words.
        for item in approvals:
            item.label = APPROVE_WITH_COMMENT_LABEL if item.launch_modal else APPROVE_LABEL
        for item in menu_items:
            if item.name == REJECT:
                item.label = REJECT_LABEL
        menu_items.remove(publish)
        main = next(item for item in approvals if not item.launch_modal)
    menu_items.remove(main)
    menu_items.insert(0, main)
