"""Django settings for civicdesk. Infrastructure comes from CIVICDESK_* environment variables;
what a city administrator tunes (SLA, calendar, thresholds, categories) is data in the database."""

import sys
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.utils.translation import gettext_lazy as _

from civicdesk.lib.env import (
    DEMO_SECRET_KEY,
    ConfigError,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_path,
    env_str,
    secret_key_problem,
)
from civicdesk.lib.ratelimit import env_rate
from civicdesk.ops.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("DATA_DIR", Path.cwd() / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEMO_MODE = env_bool("DEMO", False)
DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("TESTING", "pytest" in sys.modules)

# Outside demo mode (and the test suite) the site faces the public: HTTPS only, secure cookies, a
# real secret key. DEBUG alone is not demo mode.
PUBLIC_DEFAULTS = not (DEMO_MODE or TESTING)

SECRET_KEY = env_str("SECRET_KEY")
if not PUBLIC_DEFAULTS:
    SECRET_KEY = SECRET_KEY or DEMO_SECRET_KEY
elif problem := secret_key_problem(SECRET_KEY):
    raise ConfigError(f"CIVICDESK_SECRET_KEY {problem}")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "civicdesk.admin_site.CivicdeskAdminConfig",  # django.contrib.admin, its home page ordered
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "civicdesk.accounts",
    "civicdesk.organisation",
    "civicdesk.petitions",
    "civicdesk.workflow",
    "civicdesk.answers",
    "civicdesk.notifications",
    "civicdesk.outbox",
    "civicdesk.routing",
    "civicdesk.assistant",
    "civicdesk.open311",
    "civicdesk.api",
    "civicdesk.dashboard",
    "civicdesk.inbound",
    "civicdesk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "civicdesk.urls"
WSGI_APPLICATION = "civicdesk.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "petitions:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "civicdesk.lib.context.site",
            ],
        },
    },
]


def _database_from_url(url: str) -> dict:
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "TEST": {"NAME": env_str("TEST_DB_NAME", "test_civicdesk")},
        }
    if parsed.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": parsed.path}
    raise ConfigError(f"CIVICDESK_DATABASE_URL: unsupported scheme {parsed.scheme!r} (use postgres:// or sqlite://)")


DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": _database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "civicdesk.sqlite3",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

# A reporting replica (PostgreSQL streaming replica of the primary): the dashboard, its exports and
# open data read from it (civicdesk/lib/replica.py); writes and everything else use the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    if not DATABASE_URL:
        raise ConfigError("CIVICDESK_DATABASE_REPLICA_URL needs CIVICDESK_DATABASE_URL (the primary)")
    DATABASES["replica"] = _database_from_url(DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["civicdesk.lib.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if TESTING:
    # Fixtures create many users; a slow hash only costs test time there.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates typed day first (30/04/2027) in both languages: civicdesk/formats/.
FORMAT_MODULE_PATH = ["civicdesk.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The container image collects static files into the image (CIVICDESK_STATIC_ROOT), not the data volume.
STATIC_ROOT = env_path("STATIC_ROOT", DATA_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads on S3-compatible object storage (several web machines; MinIO, Ceph, a cloud's S3) through
# django-storages (`pip install 'civicdesk[s3]'`). Objects stay private: civicdesk serves every file
# itself after its permission check, so no public URL or ACL is ever needed.
S3_BUCKET = env_str("S3_BUCKET")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY") or None,
            "secret_key": env_str("S3_SECRET_KEY") or None,
            "location": env_str("S3_PREFIX"),
            "addressing_style": env_str("S3_ADDRESSING_STYLE") or None,  # "path" for MinIO and most on-premise
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: at most 5 files a case, each at most this size; type decided by content.
ATTACHMENT_MAX_FILES = 5
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 10) * 1024 * 1024
# An image's pixel count is read from its header and refused above this before anything decodes it:
# a 43 KB PNG may claim 16000×11000 pixels, 700 MB once decoded. 50 megapixels keeps 48-50 MP phone photos.
ATTACHMENT_MAX_PIXELS = env_int("ATTACHMENT_MAX_MEGAPIXELS", 50) * 1_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PUBLIC_DEFAULTS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Sessions (civicdesk/accounts/sessions.py): staff end a working day after signing in; citizens slide.
STAFF_SESSION_HOURS = env_int("STAFF_SESSION_HOURS", 9)
SESSION_COOKIE_AGE = env_int("CITIZEN_SESSION_DAYS", 14) * 86400
# HTTPS (docs/security.md): redirect, then HSTS. Behind a TLS-terminating proxy listed in
# CIVICDESK_TRUSTED_PROXIES, its X-Forwarded-Proto says whether the client used HTTPS.
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", PUBLIC_DEFAULTS)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 86400 if PUBLIC_DEFAULTS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# E-mail: real SMTP; the demo prints to the console unless a host is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("EMAIL_FROM", "civicdesk <no-reply@civicdesk.local>")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Background work: Celery with Redis when a broker is configured, in-process otherwise.
CELERY_BROKER_URL = env_str("BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
# Publishing to a broker that is down fails fast (a few short retries, a 2 s connect timeout):
# the task then waits in the outbox table (civicdesk/outbox) instead of failing the request.
CELERY_BROKER_CONNECTION_TIMEOUT = env_float("BROKER_CONNECT_TIMEOUT", 2.0)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}

# Redis down must not fail a request: the fail-soft backend misses and drops instead of raising
# (civicdesk/lib/failsoft_cache.py); short timeouts keep an unreachable address from stalling workers.
CACHES: dict[str, dict[str, Any]] = {
    "default": (
        {"BACKEND": "civicdesk.lib.failsoft_cache.FailSoftRedisCache", "LOCATION": env_str("REDIS_URL"),
         "OPTIONS": {"socket_connect_timeout": env_float("REDIS_CONNECT_TIMEOUT", 1.0),
                     "socket_timeout": env_float("REDIS_TIMEOUT", 1.0)}}
        if env_str("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Routing: below this confidence a person decides (triage queue).
ROUTING_CONFIDENCE_THRESHOLD = env_float("ROUTING_THRESHOLD", 0.7)
MODEL_DIR = DATA_DIR / "models"

# Optional plug-ins, off unless configured.
LLM_BASE_URL = env_str("LLM_BASE_URL", "")
LLM_API_KEY = env_str("LLM_API_KEY", "")
LLM_MODEL = env_str("LLM_MODEL", "")
EMBEDDING_MODEL_PATH = env_str("EMBEDDING_MODEL_PATH", "")

# Logs: one JSON object a line outside demo/debug (CIVICDESK_LOG_FORMAT=json|text), each with the
# request id that the Celery worker carries on (civicdesk/ops/logs.py), and one access line a request.
LOGGING = logging_config(
    json_lines=env_str("LOG_FORMAT", "text" if DEMO_MODE or DEBUG or TESTING else "json") == "json",
    level=env_str("LOG_LEVEL", "WARNING"),
    access_log=env_bool("ACCESS_LOG", not TESTING),
)

# --- petitions (citizen web) ---
# Map tiles for the location picker, e.g. https://tile.example.vn/{z}/{x}/{y}.png; empty = no tile
# server: the map is a plain background where a point can still be picked.
TILE_URL = env_str("TILE_URL", "")
TILE_ATTRIBUTION = env_str("TILE_ATTRIBUTION", "")
# How long contact data is kept after a case is closed (told to citizens on the privacy page).
PERSONAL_DATA_RETENTION_YEARS = env_int("PERSONAL_DATA_RETENTION_YEARS", 5)

# --- workflow and notifications (issue 3) ---
# A notification claimed by a worker that died is sent again after this many seconds; keep it
# below the broker's visibility timeout, after which Redis hands an unacknowledged task to another worker.
NOTIFICATION_LEASE_SECONDS = env_int("NOTIFICATION_LEASE_SECONDS", 600)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

# --- SMS through a brandname gateway (notifications/channels/sms.py; docs/deploy.md "SMS gateway") ---
# Off until SMS_URL is set. The request is SMS_REQUEST_TEMPLATE (JSON, `{name}` placeholders) POSTed
# to SMS_URL; the defaults speak eSMS.vn's SendMultipleMessage_V4_post_json. Delivery reports and
# inbound messages are authenticated with SMS_WEBHOOK_SECRET.
SMS_URL = env_str("SMS_URL", "")
SMS_API_KEY = env_str("SMS_API_KEY", "")
SMS_SECRET_KEY = env_str("SMS_SECRET_KEY", "")
SMS_BRANDNAME = env_str("SMS_BRANDNAME", "")
SMS_TYPE = env_str("SMS_TYPE", "2")
SMS_REQUEST_TEMPLATE = env_str("SMS_REQUEST_TEMPLATE", "")
SMS_RESULT_FIELD = env_str("SMS_RESULT_FIELD", "CodeResult")
SMS_ID_FIELD = env_str("SMS_ID_FIELD", "SMSID")
SMS_SUCCESS_CODES = env_list("SMS_SUCCESS_CODES", ["100"])
# The gateway already has a message with this request id (sent before our connection dropped): sent.
SMS_DUPLICATE_CODES = env_list("SMS_DUPLICATE_CODES", ["124"])
# Refusals that pass (balance, throttling): retried with back-off like a 5xx. Other codes are final.
SMS_RETRY_CODES = env_list("SMS_RETRY_CODES", ["103"])
SMS_REQUEST_PREFIX = env_str("SMS_REQUEST_PREFIX", "civicdesk")
# Unaccented GSM-7 text (1 segment = 160 characters) unless the city pays for Unicode (70).
SMS_UNICODE = env_bool("SMS_UNICODE", False)
SMS_MAX_SEGMENTS = env_int("SMS_MAX_SEGMENTS", 2)
SMS_TIMEOUT = env_float("SMS_TIMEOUT", 10.0)
SMS_WEBHOOK_SECRET = env_str("SMS_WEBHOOK_SECRET", "")
# Inbound messages older (or newer) than this many seconds are refused as replays.
SMS_WEBHOOK_MAX_AGE = env_int("SMS_WEBHOOK_MAX_AGE", 600)
# --- e-mail in: the city's mailbox read over IMAP (inbound/mail.py; docs/deploy.md "Mailbox") ---
IMAP_HOST = env_str("IMAP_HOST", "")
IMAP_PORT = env_int("IMAP_PORT", 993)
IMAP_SSL = env_bool("IMAP_SSL", True)
IMAP_USER = env_str("IMAP_USER", "")
IMAP_PASSWORD = env_str("IMAP_PASSWORD", "")
IMAP_FOLDER = env_str("IMAP_FOLDER", "INBOX")
IMAP_BATCH = env_int("IMAP_BATCH", 50)
IMAP_TIMEOUT = env_float("IMAP_TIMEOUT", 30.0)
if SMS_URL and len(SMS_WEBHOOK_SECRET) < 24:
    raise ConfigError("CIVICDESK_SMS_URL is set: CIVICDESK_SMS_WEBHOOK_SECRET needs at least 24 characters")

# routing (address → ward, duplicates): the province whose wards addresses are resolved in, and
# how alike two open cases must be, within how many hours, to be shown as possible duplicates.
ROUTING_PROVINCE_CODE = env_str("PROVINCE_CODE", "79")
DUPLICATE_THRESHOLD = env_float("DUPLICATE_THRESHOLD", 0.35)
DUPLICATE_WINDOW_HOURS = env_float("DUPLICATE_WINDOW_HOURS", 7 * 24)

# --- api (issue 6) ---
# django-ninja as an app: /api/v1/docs then serves Swagger UI's files from our static files
# instead of a CDN (the city's network may not reach one).
INSTALLED_APPS += ["ninja"]

# --- anonymous rate limits (civicdesk/lib/ratelimit.py; docs/api.md "Rate limits") ---
# Per client IP and fixed window, in the cache above; "0" turns a scope off. Many citizens share one
# carrier (CGNAT) address, so reads are generous. Tests start with every scope off; a test lowers one.
_RATE_DEFAULTS = {"ANON_CREATE": "20/min", "TRACKING": "120/min", "TRACKING_MISS": "30/min",
                  "ASSISTANT": "30/min", "OPEN311_READ": "120/min"}
RATE_ANON_CREATE = env_rate("RATE_ANON_CREATE", "0" if TESTING else _RATE_DEFAULTS["ANON_CREATE"])
RATE_TRACKING = env_rate("RATE_TRACKING", "0" if TESTING else _RATE_DEFAULTS["TRACKING"])
RATE_TRACKING_MISS = env_rate("RATE_TRACKING_MISS", "0" if TESTING else _RATE_DEFAULTS["TRACKING_MISS"])
RATE_ASSISTANT = env_rate("RATE_ASSISTANT", "0" if TESTING else _RATE_DEFAULTS["ASSISTANT"])
RATE_OPEN311_READ = env_rate("RATE_OPEN311_READ", "0" if TESTING else _RATE_DEFAULTS["OPEN311_READ"])
# Reverse proxies (addresses or networks, e.g. 127.0.0.1,10.0.0.0/8) whose X-Forwarded-For is believed.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

# --- production operation (issue 17; docs/deploy.md) ---
INSTALLED_APPS += ["civicdesk.ops"]
# The request id first, so every later line carries it; the metrics next, so they time everything;
# then /healthz and /metrics, answered before the host check and the HTTPS redirect: load balancers
# and Prometheus ask each node by its address over plain HTTP inside the network.
MIDDLEWARE = ["civicdesk.ops.requestid.RequestIdMiddleware", "civicdesk.ops.metrics.MetricsMiddleware",
              "civicdesk.ops.views.ProbeMiddleware", *MIDDLEWARE]
# /metrics answers only `Authorization: Bearer <token>`; without a token it is off (404).
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
METRICS_CACHE_SECONDS = env_int("METRICS_CACHE_SECONDS", 0 if TESTING else 15)
# /healthz fails (503) when the data directory has less free space than this.
HEALTH_MIN_FREE_MB = env_int("HEALTH_MIN_FREE_MB", 500)
CELERY_TASK_DEFAULT_QUEUE = "celery"
# The worker keeps our logging (JSON, request ids) instead of installing its own handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Error tracking, only when set and the sentry-sdk package is installed (civicdesk/ops/errortracking.py).
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0)
# `civicdesk backup` writes here unless told otherwise (--output); keep a copy off the machine.
BACKUP_DIR = env_path("BACKUP_DIR", DATA_DIR / "backups")

# --- login throttling (issue 12; django-axes, civicdesk/accounts/throttling.py) ---
# Wrong passwords within LOGIN_LOCKOUT_MINUTES: per account, and (higher: offices and carriers put many
# people behind one address) per client address as the rate limiter sees it. Site and admin login alike.
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 50)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
for _name in ("LOGIN_FAILURES_PER_ACCOUNT", "LOGIN_FAILURES_PER_IP", "LOGIN_LOCKOUT_MINUTES"):
    if globals()[_name] < 1:
        raise ConfigError(f"CIVICDESK_{_name} must be at least 1")
INSTALLED_APPS += ["civicdesk.accounts.apps.LoginLockoutsConfig"]  # django-axes
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "civicdesk.accounts.throttling.AccountAndAddressHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_ACCOUNT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "civicdesk.accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "civicdesk.accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not kept (personal data without a purpose here)
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]  # kept out of logs and rows
# Last: it turns a login refused by the lock into the lockout page.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]

# --- Content-Security-Policy (issue 12; django-csp) ---
# Scripts and styles only from our own static files: no inline <script>, no on…= attributes, no
# style="" (templates ask civicdesk/static/civicdesk/site.js for behaviour with data- attributes;
# htmx runs without eval). Map tiles may come from the tile server's origin.
from csp.constants import NONE, SELF  # noqa: E402


def _tile_origin(url: str) -> list[str]:
    parsed = urlparse(url.replace("{s}", "tiles"))
    if not parsed.scheme or not parsed.netloc:
        return []
    host = parsed.netloc.replace("tiles.", "*.", 1) if "{s}." in url else parsed.netloc
    return [f"{parsed.scheme}://{host}"]


INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", *_tile_origin(TILE_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Staff single sign-on with the city's OpenID Connect provider (civicdesk/accounts/sso.py); off
# unless CIVICDESK_OIDC_ISSUER is set. Local accounts keep working beside it.
OIDC_ISSUER = env_str("OIDC_ISSUER", "")
OIDC_ENABLED = bool(OIDC_ISSUER)
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_URL", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_URL", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_USERINFO_URL", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_JWKS_URL", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_ROLE_CLAIM = env_str("OIDC_ROLE_CLAIM", "groups")
OIDC_ROLE_MAP = env_list("OIDC_ROLE_MAP", [])
OIDC_AGENCY_CLAIM = env_str("OIDC_AGENCY_CLAIM", "civicdesk_agency")
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
LOGIN_REDIRECT_URL_FAILURE = "/tai-khoan/dang-nhap/"
if OIDC_ENABLED and not (OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT
                         and OIDC_OP_JWKS_ENDPOINT and OIDC_OP_USER_ENDPOINT):
    raise ConfigError("CIVICDESK_OIDC_ISSUER is set: also set CIVICDESK_OIDC_CLIENT_ID, _CLIENT_SECRET, "
                      "_AUTHORIZATION_URL, _TOKEN_URL, _USERINFO_URL and _JWKS_URL (docs/deploy.md)")
AUTHENTICATION_BACKENDS = [
    *globals().get("AUTHENTICATION_BACKENDS", ["django.contrib.auth.backends.ModelBackend"]),
    "civicdesk.accounts.sso.StaffOIDCBackend",
]

# --- the citizen's side: "me too", following, citizen accounts (issue 16; docs/architecture.md) ---
# Confirmation e-mails ("tôi cũng gặp", "theo dõi" without an account) and sign-in codes asked for,
# per client IP; "0" turns the limit off.
RATE_CITIZEN_EMAIL = env_rate("RATE_CITIZEN_EMAIL", "0" if TESTING else "10/h")
# An open case of normal or complex priority becomes urgent when this many different people said
# "tôi cũng gặp" (accounts or proved addresses); 0 never.
ME_TOO_URGENT_AT = env_int("ME_TOO_URGENT_AT", 10)
# How long a confirmation link ("tôi cũng gặp", "theo dõi") stays valid.
CITIZEN_LINK_HOURS = env_int("CITIZEN_LINK_HOURS", 48)

# --- Zalo Official Account (issue 15; docs/deploy.md "Connecting the city's Zalo OA") ---
# What a city enters (app id, secrets, tokens, ZNS template ids, on/off) is data in the admin
# (`notifications.ZaloAccount`, off by default). These are Zalo's addresses — a test points them at
# its loopback stand-in — and the conversation's timings.
INSTALLED_APPS += ["civicdesk.zalo"]
ZALO_OPENAPI_URL = env_str("ZALO_OPENAPI_URL", "https://openapi.zalo.me")
ZALO_OAUTH_URL = env_str("ZALO_OAUTH_URL", "https://oauth.zaloapp.com")
ZALO_ZNS_URL = env_str("ZALO_ZNS_URL", "https://business.openapi.zalo.me")
ZALO_TIMEOUT = env_float("ZALO_TIMEOUT", 10.0)
# A signed event older than this (its `timestamp`) is refused; younger ones are refused a second time.
ZALO_WEBHOOK_MAX_AGE_SECONDS = env_int("ZALO_WEBHOOK_MAX_AGE_SECONDS", 3600)
# A citizen who stops halfway is reminded once after this many minutes, and the unfinished report
# is dropped this many hours after their last message.
ZALO_REMIND_AFTER_MINUTES = env_int("ZALO_REMIND_AFTER_MINUTES", 30)
ZALO_EXPIRE_AFTER_HOURS = env_int("ZALO_EXPIRE_AFTER_HOURS", 24)
