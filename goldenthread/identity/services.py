"""Every write of identity resolution: resolving incoming records to people in one batch,
training a site's model, deciding a proposed match, merging and unmerging people."""

import copy
import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record, audit_records
from goldenthread.bulk import bulk_insert
from goldenthread.casework.services import last_contact_refresh
from goldenthread.identity.evaluation import featured as featured_labelled
from goldenthread.identity.linkage.features import plain
from goldenthread.identity.linkage.model import term_frequencies, train
from goldenthread.identity.linkage.rebuild import scored_pairs
from goldenthread.identity.matching import (
    Candidate,
    best_candidates,
    evidence,
    level_labels,
    names_agree,
)
from goldenthread.identity.models import (
    IdentityRecord,
    LinkageModel,
    MatchProposal,
    Merge,
    NotSamePerson,
    ProposalStatus,
    Source,
)
from goldenthread.identity.synthetic import labelled_records
from goldenthread.identity.warm import featured, warm_index, warm_index_extend
from goldenthread.organizations.models import Site
from goldenthread.people.models import Person
from goldenthread.text import printable

# A site trains on its own records once it has this many; before, a starter model.
OWN_MODEL_MINIMUM = 1000
STARTER_PEOPLE = 2000
EARLIEST_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True)
class Snapshot:
    """What a source says about who someone is."""

    source: str
    source_ref: str = ""
    first_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    sex: str = ""
    area: str = ""
    state_id: str = ""


@dataclass(frozen=True)
class Resolution:
    record: IdentityRecord
    outcome: str  # "linked", "review" or "new"
    probability: float | None = None
    reason: str = ""


def _cleaned(snapshot: Snapshot, today: date) -> tuple[Snapshot, str]:
    """The snapshot as a record may hold it (control characters gone, overlong text cut
    to its column, impossible dates dropped), and why a date was dropped. What comes out
    fits every column of IdentityRecord, so its records need no further cleaning."""
    if snapshot.source not in Source.values:
        raise ValueError(f"unknown identity source {snapshot.source!r}")
    reason = ""
    dob = snapshot.date_of_birth
    if dob is not None and not EARLIEST_BIRTH <= dob <= today:
        dob, reason = None, _("The date of birth is impossible and was not used.")
    return (
        Snapshot(
            source=snapshot.source,
            source_ref=printable(snapshot.source_ref, 80),
            first_name=printable(snapshot.first_name).strip()[:100],
            last_name=printable(snapshot.last_name).strip()[:100],
            date_of_birth=dob,
            sex=snapshot.sex if snapshot.sex in ("female", "male") else "",
            area=printable(snapshot.area).strip()[:80],
            state_id=printable(snapshot.state_id).strip()[:40],
        ),
        reason,
    )


def linkage_model(site: Site) -> LinkageModel:
    """The site's newest model, or a starter model trained once on synthetic records."""
    return LinkageModel.objects.filter(site=site).first() or linkage_train(actor=None, site=site)


@functools.cache
def _starter_model() -> tuple[dict[str, Any], dict[str, dict[str, float]], int]:
    """The starter model: its synthetic records and its training are seeded, so every site
    of a process gets the same model, trained once (a few seconds of Splink)."""
    rows = featured_labelled(labelled_records(STARTER_PEOPLE, seed=1))
    return train(rows), term_frequencies(rows), len(rows)


@transaction.atomic
def linkage_train(*, actor: User | None, site: Site) -> LinkageModel:
    """Trains on the site's own records when it has enough, else on synthetic ones. Records
    with too few of one person's duplicates to learn from (expectation maximisation finds
    nothing to converge on) also get the starter model."""
    records = list(IdentityRecord.objects.filter(site=site))
    settings_json = None
    if len(records) >= OWN_MODEL_MINIMUM:
        rows, starter = [featured(r.pk, r) for r in records], False
        try:
            settings_json = train(rows)
        except ValueError:
            settings_json = None
    if settings_json is None:
        settings_json, frequencies, trained_on = copy.deepcopy(_starter_model())
        starter = True
    else:
        frequencies, trained_on = term_frequencies(rows), len(rows)
    stored = LinkageModel.objects.create(
        site=site,
        settings_json=settings_json,
        term_frequencies=frequencies,
        trained_on=trained_on,
        starter=starter,
    )
    audit_record(action=Action.CREATE, actor=actor, obj=stored, detail={"starter": starter})
    return stored


@transaction.atomic
def identity_record_attach(
    *, actor: User | None, person: Person, snapshot: Snapshot, request: HttpRequest | None = None
) -> IdentityRecord:
    """A record of someone already known for certain (their own enrollment, say)."""
    cleaned, _reason = _cleaned(snapshot, person.site.today())
    record = _record(person.site, person, cleaned)
    _audit(actor, record, request, "attached", None)
    return record


def _enough_evidence(snapshot: Snapshot) -> str:
    """Why a record may not be linked without a person looking, or ""."""
    if not plain(snapshot.last_name):
        return _("No last name the matcher can read: it may only be proposed for review.")
    if snapshot.date_of_birth is None and not snapshot.state_id:
        return _("No date of birth or state id: it may only be proposed for review.")
    return ""


@transaction.atomic
def identity_records_resolve(
    *,
    actor: User | None,
    site: Site,
    snapshots: list[Snapshot],
    request: HttpRequest | None = None,
) -> list[Resolution]:
    """Each incoming record joins an existing person (a confident match with enough
    evidence), becomes a new person with a proposal waiting for review (a possible match),
    or becomes a new person. The whole batch is scored against the site's records in one
    call."""
    today = site.today()
    cleaned = [_cleaned(snapshot, today) for snapshot in snapshots]
    model = linkage_model(site)
    index = warm_index(site, model)
    candidates: dict[Any, Candidate] = {}
    incoming = [featured(-(n + 1), snapshot) for n, (snapshot, _) in enumerate(cleaned)]
    if index is not None:
        scored = index.score(incoming, at_least=site.link_review_at)
        # Two lookups by primary key: joined, SQLite walks every unmerged person instead.
        found = dict(
            IdentityRecord.objects.filter(
                pk__in={row["unique_id_l"] for row in scored}
            ).values_list("pk", "person_id")
        )
        live = set(
            Person.objects.filter(pk__in=set(found.values()), merged_into__isnull=True).values_list(
                "pk", flat=True
            )
        )
        owners = {record: person for record, person in found.items() if person in live}
        candidates = best_candidates(scored, owners, level_labels(model.settings_json))
    resolutions = _resolve_all(actor, site, cleaned, candidates, request)
    # The next batch is scored against this one's records too, without reading them back.
    warm_index_extend(
        site, model, [(r.record, row) for r, row in zip(resolutions, incoming, strict=True)]
    )
    return resolutions


def _confident(site: Site, candidate: Candidate | None, short: str) -> bool:
    return bool(
        candidate
        and candidate.probability >= site.link_automatically_at
        and not short
        and names_agree(candidate.evidence)
    )


def _resolve_all(
    actor: User | None,
    site: Site,
    cleaned: list[tuple[Snapshot, str]],
    candidates: dict[Any, Candidate],
    request: HttpRequest | None,
) -> list[Resolution]:
    """Links, new people and proposals for a whole batch, written in bulk: one insert of
    people, one of records, one of proposals and one append to the audit trail."""
    plans = []
    new_people = []
    for number, (snapshot, reason) in enumerate(cleaned):
        candidate = candidates.get(-(number + 1))
        short = _enough_evidence(snapshot)
        reason = " ".join(part for part in (reason, short) if part)
        person = None
        if not _confident(site, candidate, short):
            person = Person(
                site=site,
                legal_first_name=snapshot.first_name,
                legal_last_name=snapshot.last_name,
                date_of_birth=snapshot.date_of_birth,
            )
            # Field checks only: the site is known, and uniqueness is the database's job.
            person.full_clean(exclude=["site"], validate_unique=False, validate_constraints=False)
            new_people.append(person)
        plans.append((snapshot, reason, candidate, person))
    bulk_insert(Person, new_people)
    records = []
    for snapshot, _reason, candidate, person in plans:
        record = _unsaved_record(site, person.pk if person else candidate.person_id, snapshot)  # type: ignore[union-attr]
        records.append(record)
    bulk_insert(IdentityRecord, records)
    proposals, resolutions, entries = [], [], []
    for (_snapshot, reason, candidate, person), record in zip(plans, records, strict=True):
        if person is None:
            assert candidate is not None
            outcome, probability = "linked", candidate.probability
        elif candidate is None:
            outcome, probability = "new", None
        else:
            outcome, probability = "review", candidate.probability
            proposals.append(
                MatchProposal(
                    site=site,
                    record=record,
                    candidate_id=candidate.person_id,
                    candidate_record_id=candidate.record_id,
                    probability=candidate.probability,
                    evidence=candidate.evidence,
                )
            )
        resolutions.append(Resolution(record, outcome, probability, reason))
        entries.append((record, record.person_id, {"outcome": outcome, "probability": probability}))
    bulk_insert(MatchProposal, proposals)
    audit_records(
        action=Action.CREATE,
        actor=actor,
        request=request,
        entries=[*((person, person.pk, {}) for person in new_people), *entries],
    )
    return resolutions


def _unsaved_record(site: Site, person_id: int, snapshot: Snapshot) -> IdentityRecord:
    """The record of a cleaned snapshot (_cleaned)."""
    return IdentityRecord(
        site=site,
        person_id=person_id,
        source=snapshot.source,
        source_ref=snapshot.source_ref,
        first_name=snapshot.first_name,
        last_name=snapshot.last_name,
        date_of_birth=snapshot.date_of_birth,
        sex=snapshot.sex,
        area=snapshot.area,
        state_id=snapshot.state_id,
    )


def _record(site: Site, person: Person, snapshot: Snapshot) -> IdentityRecord:
    record = _unsaved_record(site, person.pk, snapshot)
    record.save()
    return record


def _audit(
    actor: User | None,
    record: IdentityRecord,
    request: HttpRequest | None,
    outcome: str,
    probability: float | None,
) -> None:
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=record,
        subject_person_id=record.person_id,
        detail={"outcome": outcome, "probability": probability},
    )


def _pair(a: Person, b: Person) -> Q:
    first, second = sorted((a.pk, b.pk))
    return Q(first_id=first, second_id=second)


# Rows that stay with the person they name whatever a merge decides: the bookkeeping of
# identity resolution itself, and break-glass grants (access given for one record must
# not widen to another).
NOT_MOVED = {
    "people.person.merged_into",
    "identity.matchproposal.candidate",
    "identity.notsameperson.first",
    "identity.notsameperson.second",
    "identity.merge.kept",
    "identity.merge.merged",
    "access.breakglass.person",
}


def _key(field: Any) -> str:
    return f"{field.model._meta.label_lower}.{field.name}"


def _relations() -> list[Any]:
    """Every foreign key to Person whose rows follow the person through a merge."""
    fields: list[Any] = [r.field for r in Person._meta.related_objects if r.one_to_many]
    return [field for field in fields if _key(field) not in NOT_MOVED]


@transaction.atomic
def person_merge(
    *, actor: User, kept: Person, merged: Person, request: HttpRequest | None = None
) -> Merge:
    """Everything of `merged` moves to `kept`, and the move is written down row by row."""
    if kept.pk == merged.pk or kept.site_id != merged.site_id:
        raise ValidationError(_("Only two different people of one site can be merged."))
    if merged.merged_into_id or kept.merged_into_id:
        raise ValidationError(_("One of these people was already merged into someone else."))
    if NotSamePerson.objects.filter(_pair(kept, merged)).exists():
        raise ValidationError(_("Someone decided these are not the same person."))
    moved: dict[str, list[int]] = {}
    for field in _relations():
        rows = field.model.objects.filter(**{field.name: merged})
        pks = list(rows.values_list("pk", flat=True))
        if pks:
            moved[_key(field)] = pks
            field.model.objects.filter(pk__in=pks).update(**{field.name: kept})
    merged.merged_into = kept
    merged.save(update_fields=["merged_into"])
    last_contact_refresh(people=Person.objects.filter(pk=kept.pk))
    merge = Merge.objects.create(
        site_id=kept.site_id, kept=kept, merged=merged, moved=moved, actor=actor
    )
    for person in (kept, merged):
        audit_record(
            action=Action.UPDATE,
            actor=actor,
            request=request,
            obj=merge,
            subject_person_id=person.pk,
            detail={"merge": {"kept": kept.pk, "merged": merged.pk}},
        )
    return merge


@transaction.atomic
def person_unmerge(*, actor: User, merge: Merge, request: HttpRequest | None = None) -> Merge:
    """Every row that moved goes back to the person it came from; rows added to the kept
    person since stay with them."""
    if merge.undone_at is not None:
        raise ValidationError(_("This merge was already undone."))
    merged = merge.merged
    fields = {_key(field): field for field in _relations()}
    for key, pks in merge.moved.items():
        field = fields[key]
        field.model.objects.filter(pk__in=pks).update(**{field.name: merged})
    merged.merged_into = None
    merged.save(update_fields=["merged_into"])
    last_contact_refresh(people=Person.objects.filter(pk__in=[merge.kept_id, merged.pk]))
    merge.undone_by, merge.undone_at = actor, timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    for person_id in (merge.kept_id, merged.pk):
        audit_record(
            action=Action.UPDATE,
            actor=actor,
            request=request,
            obj=merge,
            subject_person_id=person_id,
            detail={"unmerge": {"kept": merge.kept_id, "merged": merged.pk}},
        )
    return merge


@transaction.atomic
def proposal_decide(
    *, actor: User, proposal: MatchProposal, same: bool, request: HttpRequest | None = None
) -> MatchProposal:
    """Same: the record's person merges into the candidate. Not the same: remembered, so
    the two are never proposed or merged again."""
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(_("This match was already decided."))
    newcomer, candidate = proposal.record.person, proposal.candidate
    if same:
        person_merge(actor=actor, kept=candidate, merged=newcomer, request=request)
    else:
        first, second = sorted((newcomer.pk, candidate.pk))
        NotSamePerson.objects.get_or_create(
            first_id=first, second_id=second, defaults={"site": proposal.site, "decided_by": actor}
        )
    proposal.status = ProposalStatus.SAME if same else ProposalStatus.NOT_SAME
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return proposal


@dataclass(frozen=True)
class Relinked:
    merged: int
    proposed: int


@transaction.atomic
def site_relink(*, actor: User, site: Site, request: HttpRequest | None = None) -> Relinked:
    """Deduplicates a whole site: two people whose records score at the automatic level with
    enough evidence on both sides are merged (the older kept); between the review and the
    automatic levels a proposal waits. Pairs someone kept apart stay apart."""
    records = list(IdentityRecord.objects.filter(site=site, person__merged_into__isnull=True))
    if len(records) < 2:
        return Relinked(0, 0)
    model = linkage_model(site)
    owner = {r.pk: r for r in records}
    pairs = scored_pairs(
        model.settings_json,
        model.term_frequencies,
        [featured(r.pk, r) for r in records],
        site.link_review_at,
    )
    apart = set(NotSamePerson.objects.filter(site=site).values_list("first_id", "second_id"))
    waiting = set(
        MatchProposal.objects.filter(site=site, status=ProposalStatus.OPEN).values_list(
            "record__person_id", "candidate_id"
        )
    )
    labels = level_labels(model.settings_json)
    merged = proposed = 0
    for row in sorted(pairs, key=lambda pair: -pair["match_probability"]):
        a, b = owner[row["unique_id_l"]], owner[row["unique_id_r"]]
        probability = float(row["match_probability"])
        a.person.refresh_from_db(fields=["merged_into"])
        b.person.refresh_from_db(fields=["merged_into"])
        people = sorted((_current(a.person), _current(b.person)), key=lambda p: p.pk)
        if people[0].pk == people[1].pk or (people[0].pk, people[1].pk) in apart:
            continue
        sure = not _enough_evidence(_snapshot(a)) and not _enough_evidence(_snapshot(b))
        proof = evidence(row, labels)
        if probability >= site.link_automatically_at and sure and names_agree(proof):
            person_merge(actor=actor, kept=people[0], merged=people[1], request=request)
            merged += 1
        elif (people[1].pk, people[0].pk) not in waiting:
            MatchProposal.objects.create(
                site=site,
                record=b if b.person_id == people[1].pk else a,
                candidate=people[0],
                candidate_record=a if b.person_id == people[1].pk else b,
                probability=probability,
                evidence=proof,
            )
            waiting.add((people[1].pk, people[0].pk))
            proposed += 1
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        object_type="identity.site",
        object_id=str(site.pk),
        detail={"relink": {"merged": merged, "proposed": proposed}},
    )
    return Relinked(merged, proposed)


def _current(person: Person) -> Person:
    while person.merged_into_id:
        person = Person.objects.get(pk=person.merged_into_id)
    return person


def _snapshot(record: IdentityRecord) -> Snapshot:
    return Snapshot(
        source=record.source,
        first_name=record.first_name,
        last_name=record.last_name,
        date_of_birth=record.date_of_birth,
        state_id=record.state_id,
    )
