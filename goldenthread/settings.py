"""The one settings module. Every deployment difference comes from the environment.

Development (`make run`) sets GT_DEBUG=true; production sets GT_SECRET_KEY, GT_AUDIT_KEY,
GT_ALLOWED_HOSTS, GT_HTTPS=true and DATABASE_URL. See docs/deployment.md.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from goldenthread.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("GT_DEBUG", False)
# Development keys exist only so `make run` works out of the box; without GT_DEBUG a
# missing key stops start-up.
_DEV_KEY = "insecure-development-key-never-used-in-production-0123456789"
SECRET_KEY = env_str("GT_SECRET_KEY", _DEV_KEY if DEBUG else None)
AUDIT_HMAC_KEY = env_str("GT_AUDIT_KEY", _DEV_KEY + "-audit" if DEBUG else None).encode()
if not DEBUG and SECRET_KEY.startswith("insecure-"):
    raise ImproperlyConfigured("GT_SECRET_KEY must be a real secret outside development.")

ALLOWED_HOSTS = env_list("GT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("GT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "ninja",
    "goldenthread.accounts",
    "goldenthread.organizations",
    "goldenthread.people",
    "goldenthread.consent",
    "goldenthread.referrals",
    "goldenthread.eligibility",
    "goldenthread.casework",
    "goldenthread.plans",
    "goldenthread.timeline",
    "goldenthread.identity",
    "goldenthread.legal",
    "goldenthread.notifications",
    "goldenthread.conferencing",
    "goldenthread.governance",
    "goldenthread.insights",
    "goldenthread.lodging",
    "goldenthread.outreach",
    "goldenthread.incidents",
    "goldenthread.milieu",
    "goldenthread.hmis",
    "goldenthread.evaluation",
    "goldenthread.webhooks",
    "goldenthread.backups",
    "goldenthread.access",
    "goldenthread.audit",
    "goldenthread.tokens",
    "goldenthread.shell",
    "goldenthread.demo",
]

MIDDLEWARE = [
    "goldenthread.shell.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "goldenthread.accounts.middleware.SessionLimitsMiddleware",
    "goldenthread.accounts.middleware.RequireMFAMiddleware",
    "goldenthread.organizations.middleware.ActiveMembershipMiddleware",
    "goldenthread.shell.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "goldenthread.urls"
WSGI_APPLICATION = "goldenthread.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "goldenthread.shell.context_processors.shell",
            ],
        },
    }
]

# Databases: SQLite by default, tuned for durability (WAL with synchronous=FULL survives
# power loss) and for concurrent writers (busy timeout, IMMEDIATE transactions take the
# write lock up front instead of failing half-way). PostgreSQL through DATABASE_URL.
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    # PostgreSQL's JIT compiles any query whose estimated cost passes a threshold, and the
    # access policy's OR EXISTS filters inflate estimates of queries that run in a few
    # milliseconds: compiling took 76 ms of the caseload query's 80 (EXPLAIN ANALYZE on the
    # large site). Every query here is a short one.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("GT_SQLITE_PATH", str(BASE_DIR / "var" / "goldenthread.sqlite3")),
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                ),
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds rate-limit counters (public referral form, receipt lookups). One process
# may keep them in memory; several workers or servers must share memcached to count
# together (GT_MEMCACHED=host:port).
_memcached = env_str("GT_MEMCACHED", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": _memcached}
        if _memcached
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Public referral form: submissions and receipt lookups per address (django-ratelimit).
GT_PUBLIC_REFERRAL_RATE = env_str("GT_PUBLIC_REFERRAL_RATE", "5/h")
GT_RECEIPT_LOOKUP_RATE = env_str("GT_RECEIPT_LOOKUP_RATE", "30/h")
# The JSON API: requests per token, or per address without one (tokens.throttle).
GT_API_RATE = env_str("GT_API_RATE", "600/m")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id first; the parameters are set in accounts.hashers to at least OWASP's minimum.
PASSWORD_HASHERS = [
    "goldenthread.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "shell:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: server-side so deactivation and logout end them at once. The idle (30 min)
# and absolute (12 h) limits are enforced by accounts.middleware.SessionLimitsMiddleware;
# the cookie never outlives the absolute limit.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("GT_SESSION_IDLE_MINUTES", 30, minimum=1))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("GT_SESSION_ABSOLUTE_HOURS", 12, minimum=1))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Lockout (django-axes): 5 consecutive failures lock the account for 10 minutes; an address
# is throttled after AXES_ADDRESS_FAILURE_LIMIT failures so one shared precinct address
# cannot be used to lock everyone out (see accounts.lockout).
AXES_FAILURE_LIMIT = 5
AXES_ADDRESS_FAILURE_LIMIT = 50
AXES_COOLOFF_TIME = timedelta(minutes=10)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "goldenthread.accounts.lockout.AccountAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Edges. HTTPS deployments set GT_HTTPS=true, which turns on HSTS, redirects and secure,
# host-only (__Host-) cookies.
HTTPS = env_bool("GT_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 63072000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_NAME = "__Host-gt_session" if HTTPS else "gt_session"
CSRF_COOKIE_NAME = "__Host-gt_csrf" if HTTPS else "gt_csrf"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Bad input stays small: oversized bodies are refused before any view reads them.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Uploaded files (signed consent copies) live outside the web root and have no URL: they
# are served only by views that ask the access policy first.
MEDIA_ROOT = env_str("GT_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private"))

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# The de-identified parquet snapshot the national view reads (manage.py national_snapshot).
GT_SNAPSHOT_DIR = env_str("GT_SNAPSHOT_DIR", str(BASE_DIR / "var" / "snapshots" / "national"))

EMAIL_BACKEND = env_str("GT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("GT_FROM_EMAIL", "golden-thread@localhost")
# The site's address as its staff reach it, for links in e-mails.
SITE_URL = env_str("GT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

OTP_TOTP_ISSUER = "Golden Thread"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "goldenthread.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            # JSON lines for a collector, outside development (goldenthread/logs.py).
            **(
                {}
                if env_str("GT_LOG_FORMAT", "text" if DEBUG else "json") == "text"
                else {"formatter": "json"}
            ),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("GT_LOG_LEVEL", "WARNING")},
}
