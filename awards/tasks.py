"""Celery tasks of the decision. Beat runs them; what is due is looked up in the database."""
from celery import shared_task

from awards.negotiation import services as negotiation


@shared_task(name="awards.expire_negotiations")
def expire_negotiations() -> int:
    """Offers that did not answer a lower grant by its deadline are treated as resigned."""
    return negotiation.negotiations_expire()
