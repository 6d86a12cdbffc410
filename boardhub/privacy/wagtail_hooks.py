from wagtail import hooks

from .erasure import ACCOUNT_ERASED


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    actions.register_action(
        ACCOUNT_ERASED, "Delete account", "Account deleted and personal data erased"
    )
