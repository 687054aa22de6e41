"""Case management: the long, harm-reduction work with each participant, logged wherever
people are. Nothing here is a sanction: there are no deadlines and no "failed" outcome."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.access.sharing import NoteSharing
from goldenthread.casework.status import VALUES
from goldenthread.organizations.models import Organization
from goldenthread.people.models import EngagementStatus, Person


class NeedDomain(models.TextChoices):
    """The domains of an assessment, a plan goal, or what a contact addressed."""

    HOUSING = "housing", _("Housing")
    INCOME = "income", _("Income and benefits")
    DOCUMENTS = "documents", _("Identity documents")
    LEGAL = "legal", _("Legal")
    PHYSICAL_HEALTH = "physical_health", _("Physical health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    SAFETY = "safety", _("Safety")
    FOOD = "food", _("Food")
    FAMILY = "family", _("Family")
    EDUCATION_EMPLOYMENT = "education_employment", _("Education and employment")


class ContactMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    TEXT = "text", _("Text message")
    VIDEO = "video", _("Video")
    COLLATERAL = "collateral", _("Collateral contact (someone else, about them)")


class PlaceType(models.TextChoices):
    STREET = "street", _("Street")
    ENCAMPMENT = "encampment", _("Encampment")
    SHELTER = "shelter", _("Shelter")
    LODGING = "lodging", _("Lodging")
    JAIL = "jail", _("Jail")
    COURT = "court", _("Court")
    HOSPITAL = "hospital", _("Hospital")
    OFFICE = "office", _("Office")
    OTHER = "other", _("Other")


NOTE_MAX_LENGTH = 4000


class Contact(models.Model):
    """One contact with or about a participant. "Substantive" is the evaluators' measure:
    a meeting in which work on the participant's goals happened."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contacts")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(_("when"))
    mode = models.CharField(_("how"), max_length=16, choices=ContactMode.choices)
    place = models.CharField(_("where"), max_length=16, choices=PlaceType.choices)
    substantive = models.BooleanField(_("substantive"), default=False)
    domains = models.JSONField(_("what you worked on"), default=list, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    sharing = models.CharField(
        _("who may read the note"),
        max_length=16,
        choices=NoteSharing.choices,
        default=NoteSharing.TEAM,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-occurred_at"], name="casework_contacts_person"),
            # A new contact starts like the staff member's last one.
            models.Index(fields=["staff", "-created_at"], name="casework_contacts_staff"),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.occurred_at:%Y-%m-%d}"

    @property
    def domain_labels(self) -> list[str]:
        return [str(NeedDomain(d).label) for d in self.domains if d in NeedDomain.values]


class CloseReason(models.TextChoices):
    """Why a case closed. There is no "failed": people cannot fail out of LEAD."""

    MOVED_AWAY = "moved_away", _("Moved away")
    DECEASED = "deceased", _("Deceased")
    ASKED_TO_LEAVE = "asked_to_leave", _("Asked to leave the program")
    OTHER = "other", _("Other")


E = EngagementStatus
# Every allowed change of engagement status. Nothing happens automatically: a person decides,
# and a closed case can always be reopened.
ENGAGEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    E.REFERRED: frozenset({E.ACTIVE, E.CLOSED}),
    E.ACTIVE: frozenset({E.INACTIVE, E.IN_THE_WIND, E.CLOSED}),
    E.INACTIVE: frozenset({E.ACTIVE, E.IN_THE_WIND, E.CLOSED}),
    E.IN_THE_WIND: frozenset({E.ACTIVE, E.INACTIVE, E.CLOSED}),
    E.CLOSED: frozenset({E.ACTIVE}),
}


class EngagementChange(models.Model):
    """The engagement status history of a participant: what it was, what it became, why."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="engagement_changes")
    from_status = models.CharField(max_length=16, choices=EngagementStatus.choices)
    to_status = models.CharField(max_length=16, choices=EngagementStatus.choices)
    close_reason = models.CharField(
        _("why the case closed"), max_length=16, choices=CloseReason.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(to_status="closed") | ~models.Q(close_reason=""),
                name="casework_closing_has_a_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class StatusKind(models.TextChoices):
    HOUSING = "housing", _("Living situation")
    INCOME = "income", _("Income and benefits")
    EMPLOYMENT = "employment", _("Employment")
    INSURANCE = "insurance", _("Health insurance")
    PHOTO_ID = "photo_id", _("Photo ID")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    SOCIAL_SECURITY_CARD = "social_security_card", _("Social Security card")


class StatusRecord(models.Model):
    """What was true from `as_of` on, until a later record of the same kind. Evaluations ask
    "what was true on date D" and "by month", so each fact carries its own date."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="status_records")
    kind = models.CharField(_("what"), max_length=24, choices=StatusKind.choices)
    value = models.CharField(_("status"), max_length=32)
    as_of = models.DateField(_("true from"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["as_of", "recorded_at", "pk"]
        indexes = [models.Index(fields=["person", "kind", "as_of"], name="casework_status_asof")]

    def __str__(self) -> str:
        return f"{self.kind}={self.value} from {self.as_of}"

    @property
    def label(self) -> str:
        return str(VALUES.get(self.kind, {}).get(self.value, self.value))


class Task(models.Model):
    """A reminder for staff, never for participants: a follow-up, a document to fetch,
    support at a court date."""

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="casework_tasks"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="tasks", null=True, blank=True
    )
    title = models.CharField(_("what to do"), max_length=200)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["assignee", "done_at", "due_on"], name="casework_open_tasks")
        ]

    def __str__(self) -> str:
        return self.title


class Assignment(models.Model):
    """Who has been a participant's case manager, and why it changed."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assignments")
    from_case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    to_case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.from_case_manager_id} → {self.to_case_manager_id}"


class ServiceKind(models.TextChoices):
    """Services a participant is connected to outside the LEAD team."""

    MENTAL_HEALTH = "mental_health", _("Mental health care")
    SUD_TREATMENT = "sud_treatment", _("Substance-use treatment")
    MOUD = "moud", _("Medication for opioid use disorder")
    MEDICAL = "medical", _("Medical care")
    BENEFITS = "benefits", _("Benefits")
    INSURANCE = "insurance", _("Health insurance enrollment")
    DOCUMENTS = "documents", _("Identity documents")
    LEGAL_AID = "legal_aid", _("Legal aid")
    HOUSING = "housing", _("Housing")
    OTHER = "other", _("Other")


# The release category each kind of service belongs to, so a partner sees a service only
# where the participant released that kind of information. Treatment for substance use is
# 42 CFR Part 2 data.
SERVICE_CATEGORY: dict[str, str] = {
    ServiceKind.MENTAL_HEALTH: "health",
    ServiceKind.SUD_TREATMENT: "substance_use",
    ServiceKind.MOUD: "substance_use",
    ServiceKind.MEDICAL: "health",
    ServiceKind.BENEFITS: "housing_benefits",
    ServiceKind.INSURANCE: "housing_benefits",
    ServiceKind.DOCUMENTS: "housing_benefits",
    ServiceKind.LEGAL_AID: "legal_coordination",
    ServiceKind.HOUSING: "housing_benefits",
    ServiceKind.OTHER: "care_plan",
}


class ServiceOutcome(models.TextChoices):
    REFERRED = "referred", _("Referred")
    WAITLISTED = "waitlisted", _("On a waiting list")
    CONNECTED = "connected", _("Connected (went, started)")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    NOT_CONNECTED = "not_connected", _("Did not connect")


class ServiceEvent(models.Model):
    """A step in a participant's connection to an outside service: a referral out, then
    what came of it, each dated."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="service_events")
    kind = models.CharField(_("Service"), max_length=16, choices=ServiceKind.choices)
    provider = models.CharField(_("Provider"), max_length=200)
    occurred_on = models.DateField(_("Date"))
    outcome = models.CharField(_("Outcome"), max_length=16, choices=ServiceOutcome.choices)
    note = models.CharField(_("Note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["person", "-occurred_on"], name="casework_services_person")]

    def __str__(self) -> str:
        return f"{self.kind} {self.outcome} {self.occurred_on}"

    @property
    def category(self) -> str:
        return SERVICE_CATEGORY[self.kind]
