"""A stored PDF belongs to a generic owner ("call-12") instead of a foreign key to the call, so
the cache in `core` knows no app above it; a document's kind is any kind registered in
`core.pdf.registry` (no fixed choices).

The rows are a cache: the previous migration deleted them (each document is built again on its
next request) rather than converting them."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_pdfdocument_drop_cached'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='pdfdocument',
            name='one_pdf_per_subject_and_content',
        ),
        migrations.RemoveField(
            model_name='pdfdocument',
            name='call',
        ),
        migrations.AddField(
            model_name='pdfdocument',
            name='owner',
            field=models.CharField(default='', help_text='Whose document: "call-12".', max_length=40),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='pdfdocument',
            name='kind',
            field=models.CharField(help_text='A kind registered in core.pdf.registry (its label is there).', max_length=40),
        ),
        migrations.AlterField(
            model_name='pdfdocument',
            name='subject',
            field=models.CharField(blank=True, default='', help_text='Which document of the owner: empty for its own, "offer-12-v3" for an offer\'s.', max_length=40),
        ),
        migrations.AddConstraint(
            model_name='pdfdocument',
            constraint=models.UniqueConstraint(fields=('kind', 'owner', 'subject', 'fingerprint'), name='one_pdf_per_owner_subject_and_content'),
        ),
    ]
