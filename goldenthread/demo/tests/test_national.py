"""The national network's generator, at a hundredth of a thousandth of its size: the same
code writes every share, so the counts, the audit and the determinism hold at any scale."""

from django.db import transaction
from django.db.models import Count
from django.test import TestCase

from goldenthread.audit.models import Action, AuditEvent
from goldenthread.casework.models import Contact
from goldenthread.demo.national import Scale, build_network
from goldenthread.demo.personas import SITE_SLUG
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.organizations.models import Site
from goldenthread.people.models import Person

TINY = Scale(sites=3, participants=30, contacts=900, bookings=450)


class Rollback(Exception):
    pass


def fingerprint() -> list[tuple[str, str, str, str]]:
    return list(
        Contact.objects.order_by("pk").values_list(
            "person__legal_last_name", "mode", "place", "note"
        )
    )


class NetworkTests(TestCase):
    def test_every_site_gets_its_share_once_audited_and_deterministically(self):
        built = build_network(seed=7, scale=TINY)
        self.assertEqual((built.sites, built.contacts, built.bookings), (3, 900, 450))
        sites = Site.objects.order_by("slug")
        self.assertEqual([s.slug for s in sites], [SITE_SLUG, "network-002", "network-003"])
        self.assertEqual(Person.objects.count(), 30)
        per_site = dict(Contact.objects.values_list("person__site__slug").annotate(n=Count("pk")))
        self.assertEqual(set(per_site.values()), {300})
        network_bookings = LegalMatter.objects.filter(kind=MatterKind.BOOKING, source="network")
        self.assertEqual(network_bookings.count(), 450)
        # Every participant's bulk history is on the record, under their name.
        audited = set(
            AuditEvent.objects.filter(
                action=Action.CREATE, detail__history="contacts and bookings"
            ).values_list("subject_person_id", flat=True)
        )
        self.assertEqual(audited, set(Person.objects.values_list("pk", flat=True)))

        # Built sites are left alone.
        self.assertEqual(build_network(seed=7, scale=TINY).sites, 0)
        self.assertEqual(Contact.objects.count(), 900)

    def test_the_same_seed_writes_the_same_network(self):
        first: list[tuple[str, str, str, str]] = []
        try:
            with transaction.atomic():
                build_network(seed=7, scale=TINY)
                first = fingerprint()
                raise Rollback
        except Rollback:
            pass
        self.assertFalse(Contact.objects.exists())
        build_network(seed=7, scale=TINY)
        self.assertEqual(fingerprint(), first)
        self.assertEqual(len(first), 900)
