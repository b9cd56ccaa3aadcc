"""A single-authority installation moves to roles per authority: every user with the global
flag "clerk" or "authority" gets that role at every authority stored (one, in a single-city
database), each grant kept in the roles' history; the outbox's messages learn the authority
their object belongs to, so that each authority's clerks see their own. Backwards the flags are
set again from the roles (the messages' authority goes with its column)."""
from django.db import migrations
from django.utils import timezone

FLAGS = (("is_clerk", "clerk"), ("is_mayor", "decider"))

# The prefix of an outbox message's key ("offer:12:...") -> the model its number names and the
# path from it to the authority. Prefixes not here (invitations, bank accounts) belong to no
# authority: only the installation's administrator sees them.
KEYS = {
    "offer": ("offers", "Offer", "call__authority_id"),
    "formal": ("offers", "Offer", "call__authority_id"),
    "award": ("offers", "Offer", "call__authority_id"),
    "negotiation": ("offers", "Offer", "call__authority_id"),
    "negotiation-expired": ("offers", "Offer", "call__authority_id"),
    "offer-partner": ("offers", "Offer", "call__authority_id"),
    "version": ("offers", "OfferVersion", "offer__call__authority_id"),
    "call": ("competition", "Call", "authority_id"),
    "publication": ("competition", "Call", "authority_id"),
    "seat": ("competition", "CommissionMember", "call__authority_id"),
    "contract": ("contracts", "Contract", "call__authority_id"),
    "change": ("contracts", "ChangeRequest", "contract__call__authority_id"),
    "report-review": ("contracts", "ReportReview", "version__report__contract__call__authority_id"),
}


def roles_from_flags(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Authority = apps.get_model("authorities", "Authority")
    AuthorityRole = apps.get_model("authorities", "AuthorityRole")
    History = apps.get_model("authorities", "HistoricalAuthorityRole")
    now = timezone.now()
    authorities = list(Authority.objects.order_by("pk"))
    for flag, role in FLAGS:
        for user in User.objects.filter(**{flag: True}).order_by("pk"):
            for authority in authorities:
                row, created = AuthorityRole.objects.get_or_create(user=user, authority=authority, role=role)
                if created:
                    History.objects.create(id=row.pk, user_id=user.pk, authority_id=authority.pk, role=role,
                                           granted_at=row.granted_at, granted_by=None, history_date=now,
                                           history_type="+", history_change_reason="from the global flag")


def flags_from_roles(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    AuthorityRole = apps.get_model("authorities", "AuthorityRole")
    for flag, role in FLAGS:
        users = AuthorityRole.objects.filter(role=role).values_list("user_id", flat=True)
        User.objects.filter(pk__in=users).update(**{flag: True})


def outbox_authorities(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    found: dict[tuple[str, int], int | None] = {}
    for message in Message.objects.filter(authority_id__isnull=True).only("object_key").iterator():
        prefix, _sep, rest = message.object_key.partition(":")
        number = rest.split(":")[0]
        if prefix not in KEYS or not number.isdigit():
            continue
        app, model, path = KEYS[prefix]
        if (prefix, int(number)) not in found:
            rows = apps.get_model(app, model).objects.filter(pk=int(number)).values_list(path, flat=True)
            found[prefix, int(number)] = rows.first()
        authority = found[prefix, int(number)]
        if authority is not None:
            Message.objects.filter(pk=message.pk).update(authority_id=authority)


class Migration(migrations.Migration):

    dependencies = [
        ("authorities", "0004_authority_roles"),
        ("accounts", "0008_neutral_authority_wording"),
        ("competition", "0013_neutral_authority_wording"),
        ("offers", "0011_statement_variants"),
        ("contracts", "0006_neutral_authority_wording"),
        ("notifications", "0013_message_authority"),
    ]

    operations = [
        migrations.RunPython(roles_from_flags, flags_from_roles),
        migrations.RunPython(outbox_authorities, migrations.RunPython.noop),
    ]
