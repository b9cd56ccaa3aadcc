"""E-mail backends for tests: one that always fails, as an SMTP server that is down would,
and a slow one writing files, for a worker run as a subprocess."""
import os
import smtplib
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("SMTP server is down (test)")


class SlowFileBackend(BaseEmailBackend):
    """Writes each e-mail as a file into the directory named by OUTBOX_TEST_MAIL_DIR and
    takes ~0.5 s per e-mail, as a slow SMTP server would; used by a worker run as a
    subprocess (notifications/tests/test_worker.py). The file name starts with the
    recipient and is unique per e-mail, so an e-mail sent twice leaves two files."""

    DELAY_SECONDS = 0.5

    def send_messages(self, email_messages):
        directory = Path(os.environ["OUTBOX_TEST_MAIL_DIR"])
        for message in email_messages:
            name = f"{message.to[0]}--{uuid.uuid4().hex}.eml"
            partial = directory / f".{name}.part"
            partial.write_bytes(message.message().as_bytes())
            partial.rename(directory / name)  # a worker killed mid-write leaves no half e-mail
            time.sleep(self.DELAY_SECONDS)
        return len(email_messages)
