from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core.middleware import mark_seen
        from core.pdf import tasks  # noqa: F401 (registers the PDF worker's task: core.pdf is no `tasks` module)

        user_logged_in.connect(mark_seen, dispatch_uid="core.mark_seen")
