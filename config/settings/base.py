"""Settings shared by every environment; each value can come from the environment.

See `.env.example` for the variables. `local`, `test` and `production` extend this.
"""
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files served by the portal itself, no CDN
]
LOCAL_APPS = [
    "core",
    "accounts",
    "authorities",
    "organisations",
    "competition",
    "offers",
    "signatures",
    "evaluation",
    "reports",
    "notifications",
    "awards",
    "contracts",
    "controls",
    "opendata",
    "demo",  # last: the demo data (`manage.py load_demo`) may use every app
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "core.middleware.ArrivalMiddleware",  # first: the moment the request reached the portal
    "core.middleware.ReconnectMiddleware",  # a request whose database connection was cut runs once more
    "django.middleware.security.SecurityMiddleware",
    "opendata.middleware.OpenDataCorsMiddleware",  # cross-origin GET of the API and the open-data files
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.PortalLocaleMiddleware",  # Polish unless the visitor chose English (not the browser's language)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "authorities.middleware.AuthorityMiddleware",  # request.authority: from an own domain or /<slug>/
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # who made each recorded change
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.SessionRefreshMiddleware",
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out login
]

# The moment a request reached the portal decides a deadline (core.middleware.ArrivalMiddleware).
# Only where a trusted proxy sets it (e.g. nginx: proxy_set_header X-Request-Start "t=${msec} d=${request_time}"):
# the header's name; never set it when clients can reach the portal past that proxy.
REQUEST_START_HEADER = env("REQUEST_START_HEADER", default="")
REQUEST_START_MAX_AGE = 120  # seconds: an older arrival header is clamped to this

# Everything from the portal's own origin; no inline scripts, handlers or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    },
]

(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# An optional PostgreSQL read replica for anonymous public pages and exports (core/replica.py).
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
REPLICA_READS = "replica" in DATABASES
DATABASE_ROUTERS = ["core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Repeated failed logins lock that account from that address for a while (django-axes); a
# successful login clears the count. Sessions end after an hour without activity; what an
# applicant was typing is kept and waits for them after logging in again (offers.views).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field (the account is the e-mail address)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# One account however its address is typed ("KOLO@demo.local", " kolo@demo.local"), and the real
# client address: X-Forwarded-For is believed only through this many proxies of our own in front
# of the portal (each appending the address it received the request from); 0 = the portal faces
# the clients directly and the header is ignored (docs/deploy.md, "Client addresses behind a proxy").
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_USERNAME_CALLABLE = "accounts.lockout.username"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60)
# Two-factor authentication (TOTP, django-otp) for clerks, the authority, administrators and
# commission members: required in production; off by default in development and tests.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Konkursy ofert")
SESSION_REFRESH_AFTER = 300  # renew the expiry at most every 5 minutes (core.middleware.SessionRefreshMiddleware)
SESSION_WARN_BEFORE = 120  # seconds: the page warns this long before the session ends and offers to extend it
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:work"  # "Czeka na mnie": each role lands on its work
LOGOUT_REDIRECT_URL = "competition:call_list"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
# Electronically signed confirmations (docs/signatures.md): a directory of trust anchors, the CA
# certificates (PEM or DER) a signer's certificate must chain to, with any CRLs (*.crl) the operator
# keeps there; nothing is fetched from the network. Empty: no certificate is trusted.
SIGNATURE_TRUST_ANCHORS_DIR = env("SIGNATURE_TRUST_ANCHORS_DIR", default=str(BASE_DIR / "var" / "trust"))
# "default" is Django's memory per process. "rendered" keeps the public results page's body
# (reports.results_page) in files, rendered once for every web process and for the worker that
# renders it ahead of the first visitor: a directory shared by the web hosts and the default
# worker (docs/deploy.md, "Rendered results"). Not inside MEDIA_ROOT: its files are pickles, and
# Django's deploy check warns about a file cache there (caches.W002).
RENDERED_CACHE_DIR = env.path("RENDERED_CACHE_DIR", default=str(BASE_DIR / "var" / "rendered"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "rendered": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(RENDERED_CACHE_DIR),
        "OPTIONS": {"MAX_ENTRIES": 1000},  # two languages per version of a call's results
    },
    # The open-data files of each version of a call's results, and their sizes (opendata.files),
    # shared by the web hosts and the worker that builds them at publication, like "rendered".
    "opendata": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(Path(RENDERED_CACHE_DIR) / "opendata"),
        "OPTIONS": {"MAX_ENTRIES": 2000},  # seven entries per version of a call's results
    },
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Every form field is bound with its length limit, check and hint (core/limits.py, docs/limits.md).
FORM_RENDERER = "core.limits.LimitedRenderer"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="konkursy@localhost")

REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Three queues, so that workers on separate hosts can each take one kind of work and a long
# PDF build never holds up the mail (docs/deploy.md): `celery -A config worker -Q pdf`, `-Q mail`,
# `-Q default`. A worker started without -Q consumes all three, as one worker did before.
# Eager execution (no REDIS_URL: `make run`, tests) ignores the queues and runs everything inline.
QUEUE_DEFAULT = env("QUEUE_DEFAULT", default="default")
QUEUE_PDF = env("QUEUE_PDF", default="pdf")
QUEUE_MAIL = env("QUEUE_MAIL", default="mail")
CELERY_TASK_DEFAULT_QUEUE = QUEUE_DEFAULT
# each queue with an exchange and routing key of its own name, as Celery declares a queue by default
CELERY_TASK_QUEUES = [Queue(name, Exchange(name), routing_key=name) for name in (QUEUE_DEFAULT, QUEUE_PDF, QUEUE_MAIL)]
CELERY_TASK_ROUTES = {
    "reports.build_pdf": {"queue": QUEUE_PDF},
    "core.pdf.build_chunk": {"queue": QUEUE_PDF},  # one chunk of a long document (core.pdf.spread)
    "notifications.plan_reminders": {"queue": QUEUE_MAIL},
    "notifications.send_due": {"queue": QUEUE_MAIL},
    # anything else (awards.expire_negotiations, …) goes to QUEUE_DEFAULT
}
# Without a worker (no REDIS_URL) queued e-mails are sent right after the transaction commits.
OUTBOX_SEND_ON_COMMIT = env.bool("OUTBOX_SEND_ON_COMMIT", default=not REDIS_URL)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# Invitations (to an organisation, and of partners to a joint offer): per inviting user per hour,
# and (to an organisation) per organisation per 24 hours (docs/security.md).
INVITATIONS_PER_USER_PER_HOUR = env.int("INVITATIONS_PER_USER_PER_HOUR", default=10)
INVITATIONS_PER_ORGANISATION_PER_DAY = env.int("INVITATIONS_PER_ORGANISATION_PER_DAY", default=20)
# Calls with at least this many submitted offers get their large PDFs built by a worker.
PDF_ASYNC_MIN_OFFERS = env.int("PDF_ASYNC_MIN_OFFERS", default=150)
CELERY_BEAT_SCHEDULE = {
    "plan-reminders": {"task": "notifications.plan_reminders", "schedule": 60.0},
    "send-due-messages": {"task": "notifications.send_due", "schedule": 60.0},
    "expire-negotiations": {"task": "awards.expire_negotiations", "schedule": 300.0},
}

# Who runs the portal: shown in the footer and on every generated document. The values below are
# the installation's defaults: where an authority is marked as running the portal
# (authorities.Authority.operates_portal), its office, address and contacts stand instead of every
# field it fills in (core.operator). Empty: the authority's office.
PORTAL_OPERATOR = env("PORTAL_OPERATOR", default="")
# The privacy notice (RODO art. 13): the controller of the personal data and how to reach them.
PRIVACY = {
    "controller": env("PRIVACY_CONTROLLER", default=""),
    "address": env("PRIVACY_ADDRESS", default=""),
    "contact": env("PRIVACY_CONTACT", default="urzad@example.org"),
    "dpo": env("PRIVACY_DPO", default="iod@example.org"),
    "retention": env("PRIVACY_RETENTION", default=""),
}
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# The portal's own host names: a request to any other allowed host is looked up among the
# authorities' own domains (authorities/middleware.py, docs/deploy.md).
PORTAL_HOSTS = env.list("PORTAL_HOSTS", default=[
    urlsplit(PORTAL_BASE_URL).hostname or "127.0.0.1", "127.0.0.1", "localhost"])
# The accessibility statement (deklaracja dostępności: Act of 4 April 2019 on the digital
# accessibility of websites and mobile applications of public bodies, art. 10), at
# /deklaracja-dostepnosci/. Every value is the city's; the defaults are the demo's (a made-up
# contact) and a real city replaces them all; the portal's authority fills the body, the office
# address and the contact where it gives them. Dates as RRRR-MM-DD, as the minister's
# template of the statement wants; the statement is reviewed by 31 March every year (art. 11).
# "status": "full", "partial" or "none" (compliance with the Act). "non_accessible": what is not
# accessible and why, [{"content": …, "reason": …, "exempt": true if the Act exempts it}] (JSON
# in the environment); it may be empty. "assessed_by": empty for a self-assessment, otherwise
# the external body that assessed the site.
ACCESSIBILITY = {
    "body": env("ACCESSIBILITY_BODY", default=PORTAL_OPERATOR),
    "site_url": env("ACCESSIBILITY_SITE_URL", default=PORTAL_BASE_URL),
    "published": env("ACCESSIBILITY_PUBLISHED", default="2024-09-02"),
    "updated": env("ACCESSIBILITY_UPDATED", default="2025-03-31"),
    "prepared": env("ACCESSIBILITY_PREPARED", default="2024-09-02"),
    "reviewed": env("ACCESSIBILITY_REVIEWED", default="2025-03-31"),
    "status": env("ACCESSIBILITY_STATUS", default="partial"),
    "assessed_by": env("ACCESSIBILITY_ASSESSED_BY", default=""),
    "non_accessible": env.json("ACCESSIBILITY_NON_ACCESSIBLE", default=[
        {"content": "Załączniki dodawane do ofert przez oferentów (np. skany statutów i pełnomocnictw)",
         "reason": "treści pochodzące od osób trzecich, które nie są finansowane ani opracowane przez urząd "
                   "ani nie znajdują się pod jego kontrolą",
         "exempt": True},
    ]),
    "contact_person": env("ACCESSIBILITY_CONTACT_PERSON", default="Jan Przykładowy, koordynator do spraw dostępności"),
    "email": env("ACCESSIBILITY_EMAIL", default="dostepnosc@demo.local"),
    "phone": env("ACCESSIBILITY_PHONE", default="+48 85 000 00 00"),
    "office_address": env("ACCESSIBILITY_OFFICE_ADDRESS", default=PRIVACY["address"]),
    "architecture": env("ACCESSIBILITY_ARCHITECTURE", default=(
        "Do wejścia głównego budynku urzędu prowadzi podjazd dla osób na wózkach; drzwi otwierają się "
        "automatycznie. Sprawy konkursów ofert można załatwić na parterze, w punkcie obsługi mieszkańców.\n\n"
        "Na parkingu przed budynkiem są miejsca dla osób z niepełnosprawnościami. Do budynku można wejść "
        "z psem asystującym. Na parterze jest toaleta dostosowana do potrzeb osób z niepełnosprawnościami."
    )),
    "sign_language": env("ACCESSIBILITY_SIGN_LANGUAGE", default=(
        "Osoba doświadczająca trwale lub okresowo trudności w komunikowaniu się może bezpłatnie skorzystać "
        "z pomocy tłumacza polskiego języka migowego (PJM), systemu językowo-migowego (SJM) lub sposobu "
        "komunikowania się osób głuchoniewidomych (SKOGN). Należy to zgłosić osobie kontaktowej podanej wyżej "
        "co najmniej 3 dni robocze przed wizytą w urzędzie, z wyłączeniem sytuacji nagłych."
    )),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Overload and failures (docs/deploy.md, "Overload and failures").
# A worker whose database connection was cut (a restart of PostgreSQL, a failover, a proxy's
# idle timeout) checks it before reusing it and reconnects, instead of answering 500.
for _database in DATABASES.values():
    _database["CONN_HEALTH_CHECKS"] = True
# A request that waited longer than this in the queue in front of the web workers is answered at
# once with the 503 page (core/overload.py); 0 turns it off. The wait is measured from the arrival
# header of a trusted proxy (REQUEST_START_HEADER); without that header nothing is shed.
QUEUE_TIMEOUT_SECONDS = env.int("QUEUE_TIMEOUT_SECONDS", default=30)
# After the static files (cheap, and the 503 page links its stylesheets), before the session,
# the user and everything else that touches the database.
MIDDLEWARE.insert(MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
                  "core.overload.QueueTimeoutMiddleware")

# Open data (opendata/, docs/opendata.md): the files, feeds and the read-only public API.
# The terms of re-use printed in every file and in the API's schema: the office's own, or the default.
OPEN_DATA_LICENCE = env("OPEN_DATA_LICENCE", default="CC0 1.0 / dane publiczne")
OPEN_DATA_LICENCE_URL = env("OPEN_DATA_LICENCE_URL",
                            default="https://creativecommons.org/publicdomain/zero/1.0/deed.pl")
# Requests per client address to the API (DRF's rate syntax: "60/minute", "1000/hour").
OPEN_DATA_THROTTLE = env("OPEN_DATA_THROTTLE", default="60/minute")
OPEN_DATA_PAGE_SIZE = 50
OPEN_DATA_MAX_PAGE_SIZE = 200  # a larger ?page_size= is capped to this
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # public and read-only: no session, so no CSRF, nothing per user
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "opendata.api.pagination.Pages",
    "DEFAULT_THROTTLE_CLASSES": ["opendata.api.throttling.PublicThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Konkursy ofert: public API",
    "DESCRIPTION": "Read-only public data of open calls for grant offers: calls, published results and grants "
                   "(art. 15 of the Act on public benefit activity and volunteering). See docs/opendata.md.",
    "VERSION": "1.0.0",
    "LICENSE": {"name": OPEN_DATA_LICENCE, "url": OPEN_DATA_LICENCE_URL},
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No deep links: an operation's path would then be a link inside its toggle button (nested
    # interactive controls, WCAG 4.1.2).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "COMPONENT_SPLIT_REQUEST": True,
}
