"""The drills' view from inside the site, run by `manage.py shell` on its database. For the
crash drill, `prepare` gives the partners' tokens and where the drill's rows begin, and
`check` compares the ledger of acknowledged writes with what the database kept. For the load
run, `prepare_load` gives the personas' secrets and `audited` counts which answers that
showed personal data have their audit events."""

import json
from pathlib import Path
from typing import Any

from goldenthread.access.policy import may_log_contact
from goldenthread.accounts.models import User
from goldenthread.audit.chain import verify
from goldenthread.audit.models import Action, AuditEvent, ChainHead
from goldenthread.audit.selectors import chain_in_order
from goldenthread.casework.models import Contact
from goldenthread.casework.services import closed_case_errors
from goldenthread.demo.generator import totp_key_for
from goldenthread.demo.personas import DEMO_PASSWORD
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person
from goldenthread.referrals.models import Referral
from goldenthread.tokens import examples
from goldenthread.tokens.models import Scope
from goldenthread.tokens.services import token_create

# Who writes, and with what: the police records system refers, the case management
# system logs contacts for the case manager's participants.
WRITERS = {
    "referral": ("officer.lee", Scope.REFERRALS_WRITE),
    "contact": ("cm.okafor", Scope.CASEWORK_WRITE),
}
# Who signs in during the load run.
PERSONAS = ("cm.okafor", "cm.santos", "officer.lee", "pm.ramirez")
FEED_SENDER = "site.admin"
MODELS: dict[str, type[Referral] | type[Contact]] = {"referral": Referral, "contact": Contact}
# What the API answers a create with, to name the row it wrote.
ANSWERED_AS = {"referral": "receipt_code", "contact": "pk"}


def _token(username: str, scope: str) -> str:
    user = User.objects.get(username=username)
    membership = Membership.objects.filter(user=user).order_by("pk").first()
    assert membership is not None
    _, secret = token_create(
        actor=user, membership=membership, name="drill", scopes=[scope], lifetime_days=1
    )
    return secret


def _caseload(username: str, how_many: int) -> list[int]:
    """Participants this case manager may log contacts for: open cases (a closed case
    takes no new contact until it is reopened)."""
    manager = User.objects.get(username=username)
    membership = Membership.objects.filter(user=manager).order_by("pk").first()
    return [
        person.pk
        for person in Person.objects.filter(case_manager=manager).order_by("pk")[: how_many * 2]
        if may_log_contact(membership, person) and not closed_case_errors(person)
    ][:how_many]


def prepare() -> None:
    """Prints the crash drill's tokens, the referral it sends, the participants contacts are
    logged for, and the last id of each kind of row before the drill wrote any."""
    participants = _caseload(WRITERS["contact"][0], 5)
    print(
        json.dumps(
            {
                "tokens": {kind: _token(*writer) for kind, writer in WRITERS.items()},
                "participants": participants,
                # The records system's referral, as the API reference shows it.
                "referral": examples.REFERRAL,
                "before": {kind: _last_id(kind) for kind in MODELS},
            }
        )
    )


def _last_id(kind: str) -> int:
    last = MODELS[kind].objects.order_by("-pk").values_list("pk", flat=True).first()
    return int(last or 0)


def check(ledger_path: str, before: dict[str, int]) -> None:
    """Prints what the database kept against the ledger: acknowledged writes missing, rows
    written twice (kept but never acknowledged under their key), rows without their audit
    event, and whether the audit chain verifies."""
    ledger = json.loads(Path(ledger_path).read_text())
    found: dict[str, Any] = {}
    for kind, model in MODELS.items():
        acknowledged = {str(entry["id"]) for entry in ledger if entry["kind"] == kind}
        rows = dict(model.objects.filter(pk__gt=before[kind]).values_list(ANSWERED_AS[kind], "pk"))
        kept = {str(name): pk for name, pk in rows.items()}
        audited = set(
            AuditEvent.objects.filter(
                action=Action.CREATE,
                object_type=model._meta.label_lower,
                object_id__in=[str(pk) for pk in kept.values()],
            ).values_list("object_id", flat=True)
        )
        found[kind] = {
            "acknowledged": len(acknowledged),
            "kept": len(kept),
            "missing": sorted(acknowledged - kept.keys()),
            "unacknowledged": sorted(kept.keys() - acknowledged),
            "unaudited": sorted(name for name, pk in kept.items() if str(pk) not in audited),
        }
    verdict = verify(chain_in_order(), ChainHead.objects.filter(id=1).first())
    found["chain"] = {"ok": verdict.ok, "events": verdict.checked, "problem": verdict.reason}
    print(json.dumps(found))


def prepare_load(seed: int) -> None:
    """Prints the load run's sign-in secrets, the jail feed's token and each case manager's
    participants (goldenthread/drills/locustfile.py)."""
    print(
        json.dumps(
            {
                "password": DEMO_PASSWORD,
                "totp": {name: totp_key_for(seed, name) for name in PERSONAS},
                "caseloads": {name: _caseload(name, 30) for name in ("cm.okafor", "cm.santos")},
                "feed_token": _token(FEED_SENDER, Scope.FEEDS_WRITE),
                # The jail's booking row, as the API reference shows it.
                "booking": examples.BOOKINGS["rows"][0],
            }
        )
    )


def audited(ids_path: str) -> None:
    """Prints how many of the answers listed in the file (a request id and what was asked,
    tab-separated, one a line) have at least one audit event of their request, and what was
    asked of those that have none."""
    asked = dict(line.split("\t", 1) for line in Path(ids_path).read_text().splitlines() if line)
    found = set(
        AuditEvent.objects.filter(request_id__in=list(asked)).values_list("request_id", flat=True)
    )
    missing = sorted(f"{asked[rid]} ({rid})" for rid in asked.keys() - found)
    print(json.dumps({"answers": len(asked), "audited": len(found), "missing": missing}))
