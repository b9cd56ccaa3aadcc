"""The first day of grant-funded costs, never before the contract is signed: existing contracts get
the later of their signing and the task's start."""
from django.db import migrations, models


MODELS = ("contract", "historicalcontract")
HELP = "Costs paid from the grant are incurred from this day to the end of the task; never before the contract is signed."


def fill(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("contracts", name)
        for row in model.objects.all().only("pk", "signed_on", "start_date"):
            model.objects.filter(pk=row.pk).update(spending_from=max(row.signed_on, row.start_date))


class Migration(migrations.Migration):

    dependencies = [
        ("contracts", "0004_final_report"),
    ]

    operations = [
        *(migrations.AddField(model_name=name, name="spending_from",
                              field=models.DateField(null=True, verbose_name="grant-funded costs from"))
          for name in MODELS),
        migrations.RunPython(fill, migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="spending_from",
                                field=models.DateField(help_text=HELP, verbose_name="grant-funded costs from"))
          for name in MODELS),
    ]
