"""Django admin for administrators.

Clerks define calls on their own screens (competition.views.manage), where every change
goes through a service and is recorded. The admin is the administrators' repair tool:
the stage, the publication time and the computed maximum of points stay read-only here
(stages move only through services.call_transition), and the audit trail cannot be edited.

Once a call is published its announcement is a public act: the admin shows it, its actions,
indicators, zones, projects and criteria read-only and refuses to delete it. Its rules change
only by an amendment with a reason on the clerk's page (`services.call_edit`, a public
`CallEvent`), while it accepts offers; after that they are fixed. The commission is seated
after publication, so its own admin page stays open.
"""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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

PUBLISHED_READ_ONLY = _(
    "This call has been published, so the admin site only shows it. Its rules (actions, indicators, zones, "
    "projects, criteria) change only by an amendment with a reason on the call's page for clerks, while it "
    "accepts offers: %(link)s. A published call cannot be deleted."
)
PUBLISHED_NOT_DELETED = _("A published call cannot be deleted: %(calls)s.")


def is_locked(call: Call | None) -> bool:
    """A call past the draft is read-only in the admin (changes go through amendments)."""
    return call is not None and call.state != Call.State.DRAFT


class LockedAfterPublication:
    """For the admin of a call or of a row of its rules: read-only, not deletable, once the call
    is published. `call_of(obj)` names the call; for inlines `obj` is the parent object."""

    def call_of(self, obj) -> Call | None:
        return obj if isinstance(obj, Call) else getattr(obj, "call", None)

    def has_change_permission(self, request, obj=None):
        return not is_locked(self.call_of(obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_locked(self.call_of(obj)) and super().has_delete_permission(request, obj)


class LockedInline(LockedAfterPublication):
    def has_add_permission(self, request, obj=None):
        return not is_locked(self.call_of(obj)) and super().has_add_permission(request, obj)


class DraftCallsOnly:
    """A row of a call's rules is added to, or moved to, a draft call only."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "call":
            kwargs["queryset"] = Call.objects.filter(state=Call.State.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ActionInline(LockedInline, admin.TabularInline):
    model = Action
    extra = 0
    fields = ("position", "code", "title", "budget")
    show_change_link = True  # the indicators are edited on the action's own page


class UrbanZoneInline(LockedInline, admin.TabularInline):
    model = UrbanZone
    extra = 0


class RevitalisationProjectInline(LockedInline, admin.TabularInline):
    model = RevitalisationProject
    extra = 0


class FormalCriterionInline(LockedInline, admin.TabularInline):
    model = FormalCriterion
    extra = 0


class MeritCriterionInline(LockedInline, admin.TabularInline):
    model = MeritCriterion
    extra = 0
    show_change_link = True  # sub-criteria and scale steps are edited on the criterion's own page


class CommissionMemberInline(admin.TabularInline):
    model = CommissionMember
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Call)
class CallAdmin(LockedAfterPublication, admin.ModelAdmin):
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        call = self.get_object(request, object_id)
        if is_locked(call) and request.method == "GET":
            link = request.build_absolute_uri(reverse("competition:manage_detail", kwargs={"slug": call.slug}))
            messages.warning(request, gettext(PUBLISHED_READ_ONLY) % {"link": link})
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_queryset(self, request, queryset):
        """The bulk action asks `has_delete_permission` for each call; this is the last word."""
        locked = [str(call) for call in queryset if is_locked(call)]
        if locked:
            raise PermissionDenied(gettext(PUBLISHED_NOT_DELETED) % {"calls": "; ".join(locked)})
        super().delete_queryset(request, queryset)


class IndicatorInline(LockedInline, admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Action)
class ActionAdmin(LockedAfterPublication, DraftCallsOnly, admin.ModelAdmin):
    list_display = ("__str__", "call", "budget")
    list_select_related = ("call",)
    search_fields = ("code", "title", "call__title")
    inlines = (IndicatorInline,)


class MeritSubcriterionInline(LockedInline, admin.TabularInline):
    model = MeritSubcriterion
    extra = 0


class ScaleStepInline(LockedInline, admin.TabularInline):
    model = ScaleStep
    extra = 0


@admin.register(MeritCriterion)
class MeritCriterionAdmin(LockedAfterPublication, DraftCallsOnly, admin.ModelAdmin):
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
