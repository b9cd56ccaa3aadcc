"""The rates of interest on tax arrears (art. 56 § 1 of the tax ordinance: 200% of the NBP
lombard rate plus 2 points, not less than 8% a year; a change applies from the day the lombard
rate changes) since the formula took this shape on 1 January 2016, and the threshold below which
no interest is charged (art. 54 § 1 pkt 5). Later rates are added as rows (the admin site)."""
from datetime import date
from decimal import Decimal

from django.db import migrations

FORMULA = "art. 56 § 1 Ordynacji podatkowej: 200% stopy kredytu lombardowego NBP ({lombard}%) + 2%"
RPP = ", od dnia wejścia w życie uchwały RPP z {day}"
RATES = [
    (date(2016, 1, 1), "8.00", FORMULA.format(lombard="2,50") + ", nie mniej niż 8% (brzmienie od 1.01.2016)"),
    (date(2022, 2, 9), "8.50", FORMULA.format(lombard="3,25") + RPP.format(day="8.02.2022")),
    (date(2022, 3, 9), "10.00", FORMULA.format(lombard="4,00") + RPP.format(day="8.03.2022") + " (Dz. Urz. NBP 2022 poz. 5)"),
    (date(2022, 4, 7), "12.00", FORMULA.format(lombard="5,00") + RPP.format(day="6.04.2022")),
    (date(2022, 5, 6), "13.50", FORMULA.format(lombard="5,75") + "; obwieszczenie MF z 10.05.2022 (M.P. 2022 poz. 468)"),
    (date(2022, 6, 9), "15.00", FORMULA.format(lombard="6,50") + RPP.format(day="8.06.2022")),
    (date(2022, 7, 8), "16.00", FORMULA.format(lombard="7,00") + RPP.format(day="7.07.2022")),
    (date(2022, 9, 8), "16.50", FORMULA.format(lombard="7,25") + RPP.format(day="7.09.2022") + " (Dz. Urz. NBP 2022 poz. 16)"),
    (date(2023, 9, 7), "15.00", FORMULA.format(lombard="6,50") + RPP.format(day="6.09.2023")),
    (date(2023, 10, 5), "14.50", FORMULA.format(lombard="6,25") + RPP.format(day="4.10.2023")),
    (date(2025, 5, 8), "13.50", FORMULA.format(lombard="5,75") + RPP.format(day="7.05.2025")),
    (date(2025, 7, 3), "13.00", FORMULA.format(lombard="5,50") + RPP.format(day="2.07.2025") + " (Dz. Urz. NBP 2025 poz. 6)"),
    (date(2025, 9, 4), "12.50", FORMULA.format(lombard="5,25") + RPP.format(day="3.09.2025")),
    (date(2025, 10, 9), "12.00", FORMULA.format(lombard="5,00") + RPP.format(day="8.10.2025")),
    (date(2025, 11, 6), "11.50", FORMULA.format(lombard="4,75") + RPP.format(day="5.11.2025")),
    (date(2025, 12, 4), "11.00", FORMULA.format(lombard="4,50") + RPP.format(day="3.12.2025")),
]
THRESHOLDS = [
    (date(2025, 3, 1), "8.70", "art. 54 § 1 pkt 5 Ordynacji podatkowej: 3 × 2,90 zł, opłata Poczty Polskiej S.A. za "
                               "polecenie przesyłki listowej (cennik usług powszechnych od 1.03.2025)"),
]


def load(apps, schema_editor):
    rate = apps.get_model("controls", "InterestRate")
    threshold = apps.get_model("controls", "InterestThreshold")
    for day, value, source in RATES:
        rate.objects.update_or_create(valid_from=day, defaults={"rate": Decimal(value), "source": source})
    for day, value, source in THRESHOLDS:
        threshold.objects.update_or_create(valid_from=day, defaults={"amount": Decimal(value), "source": source})


def unload(apps, schema_editor):
    apps.get_model("controls", "InterestRate").objects.filter(valid_from__in=[r[0] for r in RATES]).delete()
    apps.get_model("controls", "InterestThreshold").objects.filter(valid_from__in=[t[0] for t in THRESHOLDS]).delete()


class Migration(migrations.Migration):

    dependencies = [("controls", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
