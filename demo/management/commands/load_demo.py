from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from demo.loader import load_demo


class Command(BaseCommand):
    help = "Loads the Hajnówka 2019 reference call (open for submissions today) and one demo user per role."

    def handle(self, *args, **options):
        # the demo's notices to its fictional applicants are not e-mailed anywhere
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            load_demo(out=self.stdout.write)
