from django.db import migrations
from django.db.models import Max, OuterRef, Subquery


def backfill(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Contact = apps.get_model("casework", "Contact")
    latest = (
        Contact.objects.filter(person=OuterRef("pk"))
        .values("person")
        .annotate(latest=Max("occurred_at"))
        .values("latest")
    )
    Person.objects.update(last_contact_at=Subquery(latest))


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0006_casework_services_and_documents"),
        ("people", "0002_people_last_contact_at"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
