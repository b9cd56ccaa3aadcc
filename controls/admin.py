"""The rate table is data: an administrator adds a rate when the NBP lombard rate changes."""
from django.contrib import admin

from controls.models import InterestRate, InterestThreshold


@admin.register(InterestRate)
class InterestRateAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "rate", "source")


@admin.register(InterestThreshold)
class InterestThresholdAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "amount", "source")
