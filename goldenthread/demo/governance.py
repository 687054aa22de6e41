"""The demo's Policy Coordinating Group: a quarterly meeting two months ago that approved
the eligibility rules, the referral protocol, the data-sharing policy and the
crisis-communication agreement; a second version of the data-sharing policy waiting for
the next meeting; the Community Leadership Team; and the site's public page."""

from datetime import timedelta

from django.utils import timezone

from goldenthread.access.sharing import NoteSharing
from goldenthread.accounts.models import User
from goldenthread.conferencing.models import GroupKind, Reason
from goldenthread.conferencing.services import (
    attendance_record,
    item_note_add,
    meeting_close,
    meeting_schedule,
    work_group_create,
)
from goldenthread.eligibility.models import RuleSet
from goldenthread.governance.models import Policy, PolicyKind
from goldenthread.governance.services import (
    community_member_add,
    community_member_leave,
    policy_create,
    public_page_save,
    version_draft,
    version_publish,
)
from goldenthread.organizations.models import Organization, OrganizationKind, Site

K = OrganizationKind
POLICIES = (
    (
        PolicyKind.ELIGIBILITY,
        "Eligibility for diversion",
        "Officers may divert adults whose conduct is on the rule set in force, in the "
        "program's areas, unless an exclusion applies. Prosecutors hold charges for 30 days "
        "while intake takes place.",
    ),
    (
        PolicyKind.REFERRAL_PROTOCOL,
        "Referral protocol",
        "Arrest diversions: the officer calls the case manager on duty, who meets the person "
        "within the intake window. Social contacts and community referrals are screened by "
        "the project manager within two working days.",
    ),
    (
        PolicyKind.DATA_SHARING,
        "Data-sharing policy",
        "Partners see what each participant's signed release allows, no more. Police see "
        "enrollment status and whom to call. Substance-use treatment records are shared only "
        "under a release that names the recipient.",
    ),
    (
        PolicyKind.CRISIS_COMMUNICATION,
        "Crisis-communication agreement",
        "After a critical incident involving a participant, partners call the project manager "
        "first; nobody speaks to the press about a participant.",
    ),
)
CLT = (
    ("Rev. Alma Moore", "Co-chair", "Belltown congregations", 700, None),
    ("Darnell Price", "Co-chair", "Formerly a participant", 500, None),
    ("Yuki Tanaka", "Member", "Chinatown-International District business association", 420, None),
    ("Luis Ortega", "Member", "Tenants' union", 900, 200),
)
ABOUT = (
    "LEAD in Cascade offers people whose low-level offenses come from unmet behavioral-health "
    "needs or poverty a case manager instead of jail and prosecution. Police, prosecutors, "
    "public defenders, case managers and the community run it together, and the Community "
    "Leadership Team holds it to account."
)


def build_governance(*, site: Site, organizations: dict[str, Organization]) -> None:
    if Policy.objects.filter(site=site).exists():
        return
    patel = User.objects.get(username="pcg.patel")
    manager = User.objects.get(username="pm.ramirez")
    walsh = User.objects.get(username="prosecutor.walsh")
    pcg = work_group_create(
        actor=manager,
        site=site,
        name="Cascade PCG",
        organizations=[
            organizations[k] for k in (K.GOVERNMENT, K.PROSECUTOR, K.PROJECT_MANAGEMENT)
        ],
        members=[patel, manager, walsh],
        cadence_days=91,
        kind=GroupKind.POLICY,
    )
    today = site.today()
    rules = RuleSet.objects.filter(site=site).order_by("-version").first()
    drafts = [
        policy_create(
            actor=patel,
            site=site,
            kind=kind,
            title=title,
            text=text,
            summary="First version",
            effective_on=today - timedelta(days=60),
            rule_set=rules if kind == PolicyKind.ELIGIBILITY else None,
        )
        for kind, title, text in POLICIES
    ]
    now = timezone.now().replace(hour=16, minute=0, second=0, microsecond=0)
    held = meeting_schedule(actor=manager, work_group=pcg, starts_at=now - timedelta(days=62))
    attendance_record(actor=manager, meeting=held, attendees=[patel, manager, walsh])
    for item in held.items.filter(reason=Reason.POLICY_APPROVAL):
        item_note_add(
            actor=manager,
            item=item,
            text="Approved unanimously.",
            sharing=NoteSharing.PARTNERS,
            is_decision=True,
        )
    meeting_close(actor=manager, meeting=held)
    for version in drafts:
        version_publish(actor=patel, version=version, meeting=held, approvers=[patel, walsh])
    version_draft(
        actor=patel,
        policy=drafts[2].policy,
        text=drafts[2].text + " Public defenders see legal coordination for their clients.",
        summary="Adds public defenders to legal coordination",
        effective_on=today + timedelta(days=30),
    )
    meeting_schedule(actor=manager, work_group=pcg, starts_at=now + timedelta(days=29))
    for name, role, affiliation, joined_days_ago, left_days_ago in CLT:
        member = community_member_add(
            actor=manager,
            site=site,
            name=name,
            role=role,
            affiliation=affiliation,
            joined_on=today - timedelta(days=joined_days_ago),
        )
        if left_days_ago is not None:
            community_member_leave(
                actor=manager, member=member, left_on=today - timedelta(days=left_days_ago)
            )
    public_page_save(actor=manager, site=site, about=ABOUT, dashboard_url="")
