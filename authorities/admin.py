"""Administrators manage the authorities that run calls; every change is kept in its history."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from authorities.models import Authority, AuthorityRole


class AuthorityRoleInline(admin.TabularInline):
    """The authority's officials: who holds which role (each change kept in the roles' history)."""

    model = AuthorityRole
    extra = 1
    fields = ("user", "role", "granted_at", "granted_by")
    readonly_fields = ("granted_at", "granted_by")
    raw_id_fields = ("user",)


@admin.register(AuthorityRole)
class AuthorityRoleAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "authority", "granted_at", "granted_by")
    list_filter = ("role", "authority")
    search_fields = ("user__email", "user__full_name", "authority__name")
    raw_id_fields = ("user",)
    readonly_fields = ("granted_at", "granted_by")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Authority)
class AuthorityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "municipality", "domain", "operates_portal")
    list_filter = ("kind",)
    search_fields = ("name", "municipality", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (AuthorityRoleInline,)

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            if row.pk is None:
                row.granted_by = request.user
            row.save()
        for row in formset.deleted_objects:
            row.delete()
        formset.save_m2m()
