"""`PdfDocument` moved here from `reports` (reports.0006_pdfdocument_to_core): created in the
state only, on the table the reports app made (`reports_pdfdocument`), so no row is touched.
The next migration replaces its link to the call by a generic owner key."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('competition', '0007_text_length_limits'),
        ('reports', '0006_pdfdocument_to_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PdfDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('results', 'results announcement'), ('ranking', 'ranking'), ('protocol', 'protocol of the commission'), ('offer', 'offer'), ('confirmation', 'submission confirmation'), ('final_report', 'final report')], max_length=16)),
                        ('subject', models.CharField(blank=True, default='', help_text='Which document of the call: empty for the call\'s own, "offer-12-v3" for an offer\'s.', max_length=40)),
                        ('fingerprint', models.CharField(help_text='SHA-256 of the HTML the PDF is rendered from.', max_length=64)),
                        ('content', models.BinaryField(blank=True, help_text='Empty while a worker builds it.', null=True)),
                        ('size', models.PositiveIntegerField(default=0)),
                        ('requested_at', models.DateTimeField()),
                        ('built_at', models.DateTimeField(blank=True, null=True)),
                        ('render_ms', models.PositiveIntegerField(blank=True, null=True)),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pdf_documents', to='competition.call')),
                    ],
                    options={
                        'verbose_name': 'rendered PDF',
                        'verbose_name_plural': 'rendered PDFs',
                        'db_table': 'reports_pdfdocument',
                        'constraints': [models.UniqueConstraint(fields=('kind', 'call', 'subject', 'fingerprint'), name='one_pdf_per_subject_and_content')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
