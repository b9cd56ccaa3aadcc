"""The PDF cache's model moved to `core` (core.0001_pdfdocument): removed from this app's state
only; its table `reports_pdfdocument` stays and is the core model's table."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0005_pdf_document_subject'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='PdfDocument')],
            database_operations=[],
        ),
    ]
