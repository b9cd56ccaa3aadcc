"""Django admin for administrators.

Clerks define calls on their own screens (competition.views_manage), where every change
goes through a service and is recorded. The admin is the administrators' repair tool:
the stage, the publication time and the computed maximum of points stay read-only here
(stages move only through services.call_transition), and the audit trail cannot be edited.
"""
from django.contrib import admin

from competition.models import (
    Action,
    Call,
    CallEvent,
    CommissionMember,
    FormalCriterion,
    Indicator,
    MeritCriterion,
    MeritSubcriterion,
    RevitalisationProject,
    ScaleStep,
    UrbanZone,
)


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ("position", "code", "title", "budget")
    show_change_link = True  # the indicators are edited on the action's own page


class UrbanZoneInline(admin.TabularInline):
    model = UrbanZone
    extra = 0


class RevitalisationProjectInline(admin.TabularInline):
    model = RevitalisationProject
    extra = 0


class FormalCriterionInline(admin.TabularInline):
    model = FormalCriterion
    extra = 0


class MeritCriterionInline(admin.TabularInline):
    model = MeritCriterion
    extra = 0
    show_change_link = True  # sub-criteria and scale steps are edited on the criterion's own page


class CommissionMemberInline(admin.TabularInline):
    model = CommissionMember
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title", "order_number", "state", "announcement_date", "submission_deadline")
    list_filter = ("state",)
    search_fields = ("title", "slug", "order_number")
    date_hierarchy = "announcement_date"
    readonly_fields = ("state", "published_at", "max_points", "copied_from", "created_at", "updated_at")
    inlines = (
        ActionInline,
        UrbanZoneInline,
        RevitalisationProjectInline,
        FormalCriterionInline,
        MeritCriterionInline,
        CommissionMemberInline,
    )


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "call", "budget")
    list_select_related = ("call",)
    search_fields = ("code", "title", "call__title")
    inlines = (IndicatorInline,)


class MeritSubcriterionInline(admin.TabularInline):
    model = MeritSubcriterion
    extra = 0


class ScaleStepInline(admin.TabularInline):
    model = ScaleStep
    extra = 0


@admin.register(MeritCriterion)
class MeritCriterionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "call", "kind", "source")
    list_select_related = ("call",)
    list_filter = ("kind",)
    inlines = (MeritSubcriterionInline, ScaleStepInline)


@admin.register(CommissionMember)
class CommissionMemberAdmin(admin.ModelAdmin):
    list_display = ("user", "call", "role", "kind")
    list_select_related = ("user", "call")
    list_filter = ("role", "kind")
    search_fields = ("user__email", "user__full_name", "call__title")
    raw_id_fields = ("user", "call")


@admin.register(CallEvent)
class CallEventAdmin(admin.ModelAdmin):
    """The audit trail: readable, never written by hand."""

    list_display = ("at", "call", "kind", "from_state", "to_state", "by")
    list_select_related = ("call", "by")
    list_filter = ("kind",)
    search_fields = ("call__title", "reason")
    date_hierarchy = "at"
    readonly_fields = ("call", "kind", "from_state", "to_state", "by", "at", "reason", "changes")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
