"""The crash drill's view from inside the site, run by `manage.py shell` on its database:
`prepare` gives the partners' tokens and where the drill's rows begin; `check` compares the
ledger of acknowledged writes with what the database kept."""

import json
from pathlib import Path
from typing import Any

from goldenthread.access.policy import may_log_contact
from goldenthread.accounts.models import User
from goldenthread.audit.chain import verify
from goldenthread.audit.models import Action, AuditEvent, ChainHead
from goldenthread.audit.selectors import chain_in_order
from goldenthread.casework.models import Contact
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
MODELS: dict[str, type[Referral] | type[Contact]] = {"referral": Referral, "contact": Contact}
# What the API answers a create with, to name the row it wrote.
ANSWERED_AS = {"referral": "receipt_code", "contact": "pk"}


def _token(username: str, scope: str) -> str:
    user = User.objects.get(username=username)
    membership = Membership.objects.filter(user=user).order_by("pk").first()
    assert membership is not None
    _, secret = token_create(
        actor=user, membership=membership, name="crash drill", scopes=[scope], lifetime_days=1
    )
    return secret


def prepare() -> None:
    """Prints the drill's tokens, the referral it sends, the participants contacts are logged for, and the last
    id of each kind of row before the drill wrote any."""
    manager = User.objects.get(username=WRITERS["contact"][0])
    membership = Membership.objects.filter(user=manager).order_by("pk").first()
    participants = [
        person.pk
        for person in Person.objects.filter(case_manager=manager).order_by("pk")[:50]
        if may_log_contact(membership, person)
    ][:5]
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
