from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from reports import documents

        documents.register_documents()  # the results and the ranking (core.pdf)

        from awards import published
        from reports import tasks

        published.register(tasks.results_changed)  # the results page rendered ahead of its first visitor
