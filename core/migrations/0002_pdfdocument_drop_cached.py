"""The cached PDFs are deleted before the next migration replaces their link to the call by an
owner key: they are a cache, and each document is built again on its next request. (A migration
of its own, so that on PostgreSQL no deleted row is pending while the table is altered.)"""
from django.db import migrations


def drop_cached_documents(apps, schema_editor):
    apps.get_model('core', 'PdfDocument').objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_pdfdocument'),
    ]

    operations = [
        migrations.RunPython(drop_cached_documents, migrations.RunPython.noop),
    ]
