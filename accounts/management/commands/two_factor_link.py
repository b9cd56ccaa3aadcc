"""Print a one-time set-up link for the second factor: for the first administrator, before anyone
can issue links in the portal (docs/deploy.md)."""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.models import EnrolmentLink, User
from accounts.rules import normalise_email


class Command(BaseCommand):
    help = "Print a one-time link (24 hours) with which the account sets up its authenticator app."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=normalise_email(email), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account has the e-mail address {email!r}.")
        token = services.enrolment_link_issue(user=user, channel=EnrolmentLink.Channel.COMMAND)
        self.stdout.write(settings.PORTAL_BASE_URL.rstrip("/") + services.enrolment_link_path(token))
