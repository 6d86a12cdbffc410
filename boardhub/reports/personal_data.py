"""What the reports hold about an officer (the evidence packs they asked for), for the
privacy registry (boardhub/privacy/registry.py). Imported from ReportsConfig.ready()."""

from boardhub.privacy.erasure import COUNCIL_RECORD
from boardhub.privacy.registry import Erase, register

register(
    "reports.EvidencePack",
    "requested_by",
    heading="Evidence packs you asked for",
    purpose="So that the council knows who asked for each pack given to an inspector.",
    export=("first_day", "last_day", "requested_at"),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)
