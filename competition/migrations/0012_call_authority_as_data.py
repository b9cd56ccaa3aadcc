"""The announcing authority stops being free text: every distinct text of the calls becomes an
`authorities.Authority` (its kind read from the name, the genitive and the rest guessed by
`authorities.rules`, for an administrator to check), and `Call.authority` points to it. Nothing
is lost: the text is the authority's name; going back writes the name into the text again."""
import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify

from authorities import rules

POLISH_LETTERS = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def _slug(name: str, taken: set[str]) -> str:
    base = slugify(name.translate(POLISH_LETTERS))[:70].strip("-") or "organ"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def text_to_authority(apps, schema_editor):
    Call = apps.get_model("competition", "Call")
    Authority = apps.get_model("authorities", "Authority")
    taken = set(Authority.objects.values_list("slug", flat=True))
    by_name = {a.name: a for a in Authority.objects.all()}
    for call in Call.objects.all().only("pk", "authority_text"):
        name = " ".join(call.authority_text.split())
        if name not in by_name:
            kind = rules.guess_kind(name)
            by_name[name] = Authority.objects.create(
                slug=_slug(name, taken), kind=kind, name=name, name_genitive=rules.genitive_of(name, kind),
                municipality=rules.party_guess(name, kind), seat=rules.seat_guess(name, kind),
                office_name=rules.office_guess(name, kind), address="",
            )
        Call.objects.filter(pk=call.pk).update(authority=by_name[name])


def authority_to_text(apps, schema_editor):
    Call = apps.get_model("competition", "Call")
    for call in Call.objects.select_related("authority"):
        Call.objects.filter(pk=call.pk).update(authority_text=call.authority.name)


class Migration(migrations.Migration):

    dependencies = [
        ("authorities", "0001_initial"),
        ("competition", "0011_indicator_source"),
    ]

    operations = [
        migrations.RenameField("call", "authority", "authority_text"),
        migrations.AlterField(
            model_name="call", name="authority_text",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="announcing authority (text)"),
        ),
        migrations.AddField(
            model_name="call", name="authority",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="calls",
                                    to="authorities.authority", verbose_name="announcing authority"),
        ),
        migrations.RunPython(text_to_authority, authority_to_text),
        migrations.RemoveField("call", "authority_text"),
        migrations.AlterField(
            model_name="call", name="authority",
            field=models.ForeignKey(
                help_text="It announces and decides the call; every document speaks in its name.",
                on_delete=django.db.models.deletion.PROTECT, related_name="calls", to="authorities.authority",
                verbose_name="announcing authority"),
        ),
    ]
