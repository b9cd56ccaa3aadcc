"""Every e-mail address stored in its one normalised form (trimmed, lower case), so that login,
the lock-out, sign-up, password reset and invitations compare like with like. Stops, naming the
accounts, if two would end up with the same address: a person decides which one stays."""
from django.core.management.base import CommandError
from django.db import migrations

from accounts.rules import email_collisions, normalise_email

COLLISION = (
    "These accounts differ only in the case or spacing of their e-mail address and would become one "
    "address: {groups}. An address may belong to one account only. Before migrating, decide which "
    "account stays and give the others another address (e.g. 'old.' in front; deactivate them if "
    "nobody uses them) with `manage.py shell` or in the database, then run `manage.py migrate` again. "
    "Nothing has been changed."
)


def normalise_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    rows = list(User.objects.order_by("pk").values_list("pk", "email"))
    collisions = email_collisions(email for _pk, email in rows)
    if collisions:
        ids = {}
        for pk, email in rows:
            ids.setdefault(normalise_email(email), []).append(f"{email!r} (id {pk})")
        groups = "; ".join(", ".join(ids[key]) for key in sorted(collisions))
        raise CommandError(COLLISION.format(groups=groups))
    for pk, email in rows:
        if email != normalise_email(email):
            User.objects.filter(pk=pk).update(email=normalise_email(email))


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_user_reminders_enabled"),
    ]

    operations = [
        migrations.RunPython(normalise_emails, migrations.RunPython.noop),
    ]
