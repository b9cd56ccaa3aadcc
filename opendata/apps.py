from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from awards import published
        from opendata import tasks

        published.register(tasks.results_changed)  # the files built at publication, with their sizes
