"""Case management: the long, harm-reduction work with each participant, logged wherever
people are. Nothing here is a sanction: there are no deadlines and no "failed" outcome."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.access.sharing import NoteSharing
from goldenthread.organizations.models import Organization
from goldenthread.people.models import Person


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
        indexes = [models.Index(fields=["person", "-occurred_at"], name="casework_contacts_person")]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.occurred_at:%Y-%m-%d}"

    @property
    def domain_labels(self) -> list[str]:
        return [str(NeedDomain(d).label) for d in self.domains if d in NeedDomain.values]
