"""Celery tasks of the outbox. They take no model instances; beat looks up what is due in
the database every minute (no long ETAs in the broker)."""
from celery import shared_task

from notifications import services


@shared_task(name="notifications.plan_reminders")
def plan_reminders() -> int:
    return services.plan_reminders()


@shared_task(name="notifications.send_due")
def send_due() -> dict:
    return services.send_due()
