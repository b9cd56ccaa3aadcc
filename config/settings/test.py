"""Tests: fast hashing, in-memory mail, eager Celery; the database comes from DATABASE_URL."""
import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F401,F403
from .base import CACHES, env

DEBUG = False
SECRET_KEY = "test-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
OUTBOX_SEND_ON_COMMIT = False  # tests send the outbox explicitly
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LANGUAGE_CODE = "pl"
# Named by the installation, as a production .env does: the pages' query budgets count no look-up of
# the authority that runs the portal (core.operator; authorities/tests set it empty to test that).
PORTAL_OPERATOR = "Urząd obsługujący portal"
# The replica as a test mirror of the primary: a second connection to the same test database,
# off unless a test turns REPLICA_READS on (core/tests/test_replica.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
REPLICA_READS = False
# The rendered pages in a directory of this test process's own: their keys name calls by pk, and
# each xdist worker (and each other run on the machine) has its own database giving the same pks.
RENDERED_CACHE_DIR = tempfile.mkdtemp(prefix=f"rendered-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-")
atexit.register(shutil.rmtree, RENDERED_CACHE_DIR, ignore_errors=True)
CACHES = {**CACHES, "rendered": {**CACHES["rendered"], "LOCATION": RENDERED_CACHE_DIR},
          "opendata": {**CACHES["opendata"], "LOCATION": os.path.join(RENDERED_CACHE_DIR, "opendata")}}
OPEN_DATA_THROTTLE = "100000/minute"  # the schema tests send many requests; test_api turns it down
PORTAL_HOSTS = [*PORTAL_HOSTS, "testserver"]  # noqa: F405 - the test client's host
