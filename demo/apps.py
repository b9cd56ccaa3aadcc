from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo (`manage.py load_demo`): the one package allowed to import every app."""

    name = "demo"
    verbose_name = "Demo"
