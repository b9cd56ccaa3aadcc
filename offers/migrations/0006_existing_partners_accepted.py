"""Partners recorded before consent existed joined under the old rules (many of those offers
are submitted, and their snapshots already print the partner): they are marked accepted, with
no one recorded as having answered. Every partner added from now on starts as invited."""
from django.db import migrations


def mark_accepted(apps, schema_editor):
    OfferPartner = apps.get_model("offers", "OfferPartner")
    OfferPartner._base_manager.filter(status="invited").update(status="accepted")


class Migration(migrations.Migration):

    dependencies = [
        ("offers", "0005_partner_consent"),
    ]

    operations = [
        migrations.RunPython(mark_accepted, migrations.RunPython.noop),
    ]
