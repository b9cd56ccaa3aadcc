"""Signals other apps listen to, so that organisations need not import them."""
from django.dispatch import Signal

# Sent inside the transaction when a member changes the organisation's bank account; kwargs:
# change (BankAccountChange), previous_email (the organisation's address before the edit).
# The outbox queues the e-mail to every member.
bank_account_changed = Signal()
