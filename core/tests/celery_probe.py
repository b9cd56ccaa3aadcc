"""A test-only Celery task for `core/tests/test_celery_queues.py`, loaded by the workers that
test starts (`celery … worker --include core.tests.celery_probe`); not part of the portal.

`probe` stands in for a real task: it is sent to the queue the settings' routes give the real
task's name, and it records which worker ran it, so the test can see which worker consumed
which queue without rendering a PDF or sending an e-mail. `send_stand_ins` runs in a separate
process started with the same environment as the workers, so the routes it uses are read
from the environment exactly as in production.
"""
import json

import redis
from celery import shared_task

from config.celery import app

PROBE = "core.tests.probe"


@shared_task(name=PROBE, bind=True)
def probe(self, key: str, stands_in_for: str) -> None:
    """Append what ran where to the Redis list `key`, on the broker's own Redis."""
    record = {"task": stands_in_for, "hostname": self.request.hostname,
              "queue": (self.request.delivery_info or {}).get("routing_key")}
    with redis.Redis.from_url(self.app.conf.broker_url) as client:
        client.rpush(key, json.dumps(record))


def send_stand_ins(key: str, task_names: list[str]) -> dict[str, str]:
    """Send one probe per task name to the queue that name is routed to; {name: queue}."""
    sent = {}
    for name in task_names:
        queue = app.amqp.router.route({}, name)["queue"].name
        app.send_task(PROBE, args=[key, name], queue=queue)
        sent[name] = queue
    return sent
