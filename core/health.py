"""`/health/`: whether this web process can serve requests, for load balancers and monitoring.

Built on django-health-check. Each probe checks what a request may need: the database (and
the read replica when one is configured), the storage of uploaded files (a file written, read
back and deleted under `MEDIA_ROOT`), and, when `REDIS_URL` is set, Redis and the Celery
broker through Celery's own connection (what `.delay()` uses). Celery workers are not part of
it: a stopped worker must not make the balancer take every web host out (docs/deploy.md has
their checks).

The answer is 200 when everything works and 500 otherwise, as plain text with one line per
check ("database: OK"); it never says why a check failed, nor names a host, a port or a
database. The reasons go to the server's log (the `health_check` logger, level WARNING).
"""
import asyncio
import dataclasses
import datetime

from django.conf import settings
from django.http import HttpResponse
from health_check.base import HealthCheck
from health_check.checks import Database, Storage
from health_check.contrib.redis import Redis
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from redis.asyncio import Redis as RedisClient

BROKER_TIMEOUT = datetime.timedelta(seconds=3)


@dataclasses.dataclass
class CeleryBroker(HealthCheck):
    """Celery connects to its broker as it does to queue a task (with the app's transport
    options); for Redis that connection answers a PING."""

    timeout: datetime.timedelta = dataclasses.field(default=BROKER_TIMEOUT, repr=False)

    def run(self):
        from config.celery import app

        try:
            with app.connection_for_write(url=settings.CELERY_BROKER_URL,
                                          connect_timeout=self.timeout.total_seconds()) as connection:
                connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0,
                                             timeout=self.timeout.total_seconds())
        except Exception as exc:  # kombu raises the transport's own errors
            raise ServiceUnavailable("Celery broker unreachable") from exc


def _redis_client() -> RedisClient:
    seconds = BROKER_TIMEOUT.total_seconds()
    return RedisClient.from_url(settings.REDIS_URL, socket_connect_timeout=seconds, socket_timeout=seconds)


def checks() -> list[tuple[str, HealthCheck]]:
    """What the probe checks, by the name it answers with; read from the settings on each probe."""
    found = [("database", Database(alias="default"))]
    if settings.REPLICA_READS:
        found.append(("database replica", Database(alias="replica")))
    found.append(("storage", Storage(alias="default")))
    if settings.REDIS_URL:
        found += [("redis", Redis(client_factory=_redis_client)), ("celery broker", CeleryBroker())]
    return found


class HealthView(HealthCheckView):
    """The library's view (no caching, no transaction, checks run concurrently, each with a
    time limit); every answer is the plain text below, whatever the `Accept` header or `?format=`.
    HEAD runs the checks too; OPTIONS (some balancers' default probe) answers 405 rather than a
    200 that would say nothing about the checks."""

    http_method_names = ["get", "head"]

    async def get(self, request, *args, **kwargs):
        named = checks()
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor) for _, check in named))
        failed = any(result.error for result in results)
        lines = [f"{name}: {'unavailable' if result.error else 'OK'}" for (name, _), result in zip(named, results)]
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8",
                            status=500 if failed else 200)
