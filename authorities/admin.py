"""Administrators manage the authorities that run calls; every change is kept in its history."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from authorities.models import Authority


@admin.register(Authority)
class AuthorityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "municipality", "domain", "operates_portal")
    list_filter = ("kind",)
    search_fields = ("name", "municipality", "slug")
    prepopulated_fields = {"slug": ("name",)}
