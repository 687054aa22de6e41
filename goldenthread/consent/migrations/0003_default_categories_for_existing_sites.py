from django.db import migrations

# Frozen copy of consent.models.DEFAULT_CATEGORIES as it stood when this migration was written.
DEFAULTS = (
    ("enrollment_status", "Enrollment status and whom to call", False),
    ("engagement_summary", "Engagement and progress summary", False),
    ("care_plan", "Care plan", False),
    ("case_notes", "Case notes", False),
    ("legal_coordination", "Legal coordination", False),
    ("housing_benefits", "Housing and benefits", False),
    ("health", "Physical and mental health", False),
    ("substance_use", "Substance-use treatment (42 CFR Part 2)", True),
    ("contact_whereabouts", "Contact details and whereabouts", False),
)


def install(apps, schema_editor):
    Site = apps.get_model("organizations", "Site")
    DataCategory = apps.get_model("consent", "DataCategory")
    for site in Site.objects.all():
        for position, (code, name, is_part2) in enumerate(DEFAULTS):
            DataCategory.objects.get_or_create(
                site=site, code=code, defaults={"name": name, "is_part2": is_part2, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("consent", "0002_initial"), ("organizations", "0003_site_timezone_validator")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
