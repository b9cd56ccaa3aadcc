from django.core.management.base import BaseCommand

from competition.demo.loader import load_demo


class Command(BaseCommand):
    help = "Loads the Hajnówka 2019 reference call (open for submissions today) and one demo user per role."

    def handle(self, *args, **options):
        load_demo(out=self.stdout.write)
