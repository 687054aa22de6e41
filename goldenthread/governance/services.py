"""Every write of governance: one transactional function each, with its audit event. A
published policy version is never written again."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.conferencing.models import GroupKind, Meeting
from goldenthread.eligibility.models import RuleSet
from goldenthread.governance.models import (
    CommunityMember,
    Policy,
    PolicyKind,
    PolicyVersion,
    PublicPage,
)
from goldenthread.organizations.models import Site
from goldenthread.text import printable


def _checked(version: PolicyVersion) -> PolicyVersion:
    version.text = printable(version.text, keep_newlines=True).strip()
    version.summary = version.summary.strip()
    if version.policy.kind == PolicyKind.ELIGIBILITY and version.rule_set_id is None:
        raise ValidationError(
            {"rule_set": _("Eligibility rules name the rule set they put in force.")}
        )
    if version.rule_set is not None and version.rule_set.site_id != version.policy.site_id:
        raise ValidationError({"rule_set": _("That rule set belongs to another site.")})
    version.full_clean()
    return version


@transaction.atomic
def policy_create(
    *,
    actor: User,
    site: Site,
    kind: str,
    title: str,
    text: str,
    summary: str,
    effective_on: date,
    rule_set: RuleSet | None = None,
) -> PolicyVersion:
    """A new policy and its first version, a draft until a PCG meeting approves it."""
    policy = Policy(site=site, kind=kind, title=title.strip())
    policy.full_clean()
    policy.save()
    audit_record(action=Action.CREATE, actor=actor, obj=policy)
    return version_draft(
        actor=actor,
        policy=policy,
        text=text,
        summary=summary,
        effective_on=effective_on,
        rule_set=rule_set,
    )


@transaction.atomic
def version_draft(
    *,
    actor: User,
    policy: Policy,
    text: str,
    summary: str,
    effective_on: date,
    rule_set: RuleSet | None = None,
) -> PolicyVersion:
    """The next version of a policy, as a draft; one draft at a time."""
    Policy.objects.select_for_update().get(pk=policy.pk)
    waiting = policy.versions.filter(published_at=None).first()
    if waiting is not None:
        raise ValidationError(
            _("Version %(number)s is still a draft: change it or publish it first.")
            % {"number": waiting.number}
        )
    last = policy.versions.aggregate(last=Max("number"))["last"] or 0
    version = _checked(
        PolicyVersion(
            policy=policy,
            number=last + 1,
            text=text,
            summary=summary,
            effective_on=effective_on,
            rule_set=rule_set,
            created_by=actor,
        )
    )
    version.save()
    audit_record(action=Action.CREATE, actor=actor, obj=version)
    return version


@transaction.atomic
def version_edit(
    *,
    actor: User,
    version: PolicyVersion,
    text: str,
    summary: str,
    effective_on: date,
    rule_set: RuleSet | None = None,
) -> PolicyVersion:
    """Changes a draft. A published version is refused: decisions were made under it."""
    locked = PolicyVersion.objects.select_for_update().select_related("policy").get(pk=version.pk)
    if locked.is_published:
        raise ValidationError(
            _(
                "Version %(number)s of %(title)s is published and cannot change. "
                "Draft a new version instead."
            )
            % {"number": locked.number, "title": locked.policy.title}
        )
    locked.text, locked.summary = text, summary
    locked.effective_on, locked.rule_set = effective_on, rule_set
    _checked(locked).save()
    audit_record(action=Action.UPDATE, actor=actor, obj=locked)
    return locked


@transaction.atomic
def version_publish(
    *, actor: User, version: PolicyVersion, meeting: Meeting, approvers: list[User]
) -> PolicyVersion:
    """Records that a Policy Coordinating Group meeting approved this version and who
    approved it; from then on it never changes."""
    locked = PolicyVersion.objects.select_for_update().select_related("policy").get(pk=version.pk)
    if locked.is_published:
        raise ValidationError(_("This version is already published."))
    group = meeting.work_group
    if group.kind != GroupKind.POLICY or group.site_id != locked.policy.site_id:
        raise ValidationError(
            {
                "meeting": _(
                    "Policies are approved at a meeting of this site's Policy Coordinating Group."
                )
            }
        )
    if meeting.starts_at > timezone.now():
        raise ValidationError({"meeting": _("That meeting has not taken place yet.")})
    present = set(meeting.attendees.values_list("pk", flat=True))
    if not approvers or any(user.pk not in present for user in approvers):
        raise ValidationError(
            {"approvers": _("Name who approved it, from those recorded as attending that meeting.")}
        )
    locked.published_at, locked.approved_at = timezone.now(), meeting
    locked.save(update_fields=["published_at", "approved_at"])
    locked.approved_by.set(approvers)
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        obj=locked,
        detail={"published": True, "meeting": meeting.pk, "approvers": len(approvers)},
    )
    return locked


@transaction.atomic
def community_member_add(
    *, actor: User, site: Site, name: str, role: str, affiliation: str, joined_on: date
) -> CommunityMember:
    member = CommunityMember(
        site=site,
        name=name.strip(),
        role=role.strip(),
        affiliation=affiliation.strip(),
        joined_on=joined_on,
    )
    member.full_clean()
    member.save()
    audit_record(action=Action.CREATE, actor=actor, obj=member)
    return member


@transaction.atomic
def community_member_leave(*, actor: User, member: CommunityMember, left_on: date) -> None:
    """Off the current roster; kept, so the team's history stays true."""
    locked = CommunityMember.objects.select_for_update().get(pk=member.pk)
    if locked.left_on is not None:
        raise ValidationError(_("This member has already left the team."))
    if left_on < locked.joined_on:
        raise ValidationError(_("Someone cannot leave before they joined."))
    locked.left_on = left_on
    locked.save(update_fields=["left_on"])
    audit_record(action=Action.UPDATE, actor=actor, obj=locked, detail={"left": True})


@transaction.atomic
def public_page_save(*, actor: User, site: Site, about: str, dashboard_url: str) -> PublicPage:
    page = PublicPage.objects.filter(site=site).first() or PublicPage(site=site)
    page.about = printable(about, keep_newlines=True).strip()
    page.dashboard_url = dashboard_url.strip()
    page.full_clean()
    page.save()
    audit_record(action=Action.UPDATE, actor=actor, obj=page)
    return page
