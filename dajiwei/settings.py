"""Settings for the community "大党委" system, read from the environment.

Embedded defaults (no environment at all) give SQLite, in-process tasks and a local
memory cache, so `make demo` runs on a bare machine. Production sets DATABASE_URL,
REDIS_URL, SECRET_KEY and ALLOWED_HOSTS.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# A missing secret fails fast outside debug; the debug default is only ever local.
SECRET_KEY = env("SECRET_KEY") if not DEBUG else env("SECRET_KEY", default="dev-only-insecure-key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "mptt",
    "guardian",
    "django_filters",
    "django_htmx",
    "axes",
    "organizations",
    "elections",
    "services",
    "notices",
    "meetings",
    "residents",
    "oversight",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "organizations.sessions.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: turns a locked-out login into the lockout page (docs/security.md).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dajiwei.urls"
WSGI_APPLICATION = "dajiwei.wsgi.application"

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
                "notices.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
# A kept connection is checked before a request uses it, so one the database dropped meanwhile
# (a restart, a proxy's idle timeout) is replaced instead of failing the request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dajiwei",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username+address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row; the public sees public pages only
GUARDIAN_MONKEY_PATCH_USER = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "organizations:navigator"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# Accounts and the web surface (issue 8; docs/security.md).
DAJIWEI_SECURITY = {
    # a session ends after this many minutes without a request
    "idle_session_minutes": env.int("IDLE_SESSION_MINUTES", default=30),
    # a username from one address is locked after this many failed logins ...
    "login_failure_limit": env.int("LOGIN_FAILURE_LIMIT", default=5),
    # ... counted over, and locked for, this many minutes
    "login_lockout_minutes": env.int("LOGIN_LOCKOUT_MINUTES", default=15),
    # `manage.py prune_audit` deletes audit events older than this; never under 6 (the
    # database refuses to delete a younger row, and a system check refuses the setting)
    "audit_retention_months": env.int("AUDIT_RETENTION_MONTHS", default=36),
}
SESSION_COOKIE_AGE = DAJIWEI_SECURITY["idle_session_minutes"] * 60
# organizations.sessions.IdleTimeoutMiddleware pushes the expiry on as the session is used.

AXES_FAILURE_LIMIT = DAJIWEI_SECURITY["login_failure_limit"]
AXES_COOLOFF_TIME = DAJIWEI_SECURITY["login_lockout_minutes"] / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "organizations.sessions.locked_out"  # registration/locked_out.html
# The same client address as the audit log: nginx's X-Real-IP when BEHIND_PROXY.
AXES_CLIENT_IP_CALLABLE = "organizations.views.base.client_ip"

# HTTPS: on in production through the environment (docs/operations.md); `.ci/run` runs
# `check --deploy` with them on.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content security policy (django-csp): only the site's own files; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Behind nginx (docs/operations.md): trust its X-Forwarded-Proto for HTTPS and its X-Real-IP
# for the client address written to the audit log. Never set it without such a proxy in front.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Celery: with no broker configured (the embedded default) tasks run in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged when it ends, so a worker killed mid-job leaves it to run again
# (tasks are idempotent: architecture.md, background work).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = TIME_ZONE
# A request never waits long on a broker that is down (architecture.md, background work).
# Two connection attempts of at most 0.8 s each, with no pause between them (kombu's default
# pause is 2 s): enqueue() gives up within 2 s and leaves the call in the outbox.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 0.8,
    "max_retries": 1,
    "interval_start": 0,
    # A task a dead worker never acknowledged goes to another worker after this many seconds;
    # longer than the longest job (an hour), or a slow job would be handed out twice.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
# Email (notices: notifications sent by email): the console by default, SMTP from EMAIL_URL,
# e.g. smtp+tls://user:password@mail.example.org:587
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="dajiwei@localhost")
CELERY_BEAT_SCHEDULE: dict = {
    # notices: hand to the broker what waited in the outbox while Redis was down
    "notices-sweep-outbox": {
        "task": "notices.sweep_outbox",
        "schedule": 60.0,
    },
    # S1: reminders of co-building projects' deadlines, each morning
    "services-project-deadlines": {
        "task": "services.remind_project_deadlines",
        "schedule": crontab(hour=7, minute=30),
    },
    # M1: on the 20th, remind committees with no theme party day this month (and their street)
    "meetings-remind-missing-theme-days": {
        "task": "meetings.remind_missing_theme_days",
        "schedule": crontab(day_of_month=20, hour=9, minute=0),
    },
    # Reminders to participants of meetings starting within remind_hours_before, hourly
    "meetings-remind-upcoming": {
        "task": "meetings.remind_upcoming",
        "schedule": crontab(minute=5),
    },
    # M3: on January 15th, the 述职评议 report of each annual meeting of the previous year
    "meetings-annual-reports": {
        "task": "meetings.annual_reports",
        "schedule": crontab(month_of_year=1, day_of_month=15, hour=6, minute=0),
    },
    # Issue 6: each Monday morning, the week's deadline summary to the responsible people
    "oversight-weekly-deadlines": {
        "task": "oversight.weekly_deadlines",
        "schedule": crontab(day_of_week=1, hour=7, minute=0),
    },
}

# The policy's numbers (docs/domain.md): a district may change them here or per environment.
DAJIWEI_POLICY = {
    # C1: committee size, 一般 9–11
    "committee_min_members": env.int("POLICY_COMMITTEE_MIN_MEMBERS", default=9),
    "committee_max_members": env.int("POLICY_COMMITTEE_MAX_MEMBERS", default=11),
    # C2: exactly one secretary (hard)
    "committee_secretaries": 1,
    # C3: 3 deputies, 1 full-time and 2 part-time
    "committee_fulltime_deputies": env.int("POLICY_FULLTIME_DEPUTIES", default=1),
    "committee_parttime_deputies": env.int("POLICY_PARTTIME_DEPUTIES", default=2),
    # C7, C8: one leader per grid branch and per building group (hard)
    "grid_secretaries": 1,
    "building_leaders": 1,
}

# The election's numbers (docs/domain.md §4): R1–R3 from the policy, B1–B9 defaults after the
# party's election regulations (2020), the joint-nomination minimum a documented default.
DAJIWEI_ELECTIONS = {
    "candidate_ratio": env.int("POLICY_CANDIDATE_RATIO", default=2),  # R1, 2:1
    "representative_share_percent": env.int("POLICY_REPRESENTATIVE_PERCENT", default=20),  # R2
    "min_in_service_representatives": env.int("POLICY_MIN_IN_SERVICE_REPS", default=10),  # R3
    "quorum_numerator": 4,  # B1: present must be more than 4/5 of those due
    "quorum_denominator": 5,
    "joint_nomination_min_signers": env.int("POLICY_JOINT_NOMINATION_SIGNERS", default=5),
    "parttime_deputy_seats": env.int("POLICY_PARTTIME_DEPUTIES", default=2),
    "speech_minutes": 5,
    "kiosk_code_length": 10,  # one-time kiosk codes, no look-alike characters
    "kiosk_wrong_codes": env.int("POLICY_KIOSK_WRONG_CODES", default=5),  # per client …
    "kiosk_wrong_code_minutes": 10,  # … within this many minutes, then refused a while
}

# Co-building, dual registration, volunteer service and funds (docs/domain.md §6: S1–S5, F1).
DAJIWEI_SERVICES = {
    "yearly_funds_yuan": env.int("POLICY_YEARLY_FUNDS_YUAN", default=20000),  # F1
    "upload_max_mb": 10,  # evidence, signed agreements, receipts
    "reminder_days_before": 7,  # S1: project deadline reminders
    "max_hours_per_day": 12,  # S5: hours in one service record
    # A1: points of each part of a unit's yearly score; service hours per member for full points
    "assessment_points": {
        "registration": 20,
        "agreement": 30,
        "commitments": 20,
        "service": 20,
        "meetings": 10,
    },
    "assessment_hours_per_member": 8,
}

# Theme party days and committee meetings (docs/domain.md §6: M1, M2).
DAJIWEI_MEETINGS = {
    "photo_max_mb": 5,  # M1: photos of a theme party day, JPEG or PNG
    "reminder_day": 20,  # M1: day of the month of the missing-theme-day reminder (beat entry)
    # M2: a committee meeting needs more than 1/2 of all members present, a motion more than
    # 1/2 of all members for it (民主集中制, 二(五))
    "quorum_numerator": 1,
    "quorum_denominator": 2,
    "adoption_numerator": 1,
    "adoption_denominator": 2,
    # M3: an officer's rating result shows only once this many representatives rated
    "min_ratings": 5,
    "report_max_mb": 10,  # M3: the work report's attachment, PDF or Word (.docx)
    "remind_hours_before": 24,  # reminders to participants before a meeting (hourly beat)
}

# The deadline tracker (issue 6); the filing and agreement deadlines are defaults, the policy
# is silent on them.
DAJIWEI_OVERSIGHT = {
    "warn_days": 30,  # publicity periods and projects listed from this many days before
    "term_years": 5,  # a committee's term, from its founding
    "term_warn_days": env.int("POLICY_TERM_WARN_DAYS", default=180),
    "filing_answer_days": 15,  # a filing should be decided within this many days
    "agreement_sign_month": 3,  # this year's co-building agreements signed by 31 March
    "agreement_sign_day": 31,
    "summary_items": 5,  # the weekly summary lists this many of the most urgent items
}

# Roster imports from Excel (issue 6; organizations/imports.py): a larger file or more rows is
# refused; above ORG_IMPORT_ASYNC_BYTES the import runs as a background job with progress.
ORG_IMPORT_MAX_BYTES = 20 * 1024 * 1024
ORG_IMPORT_MAX_ROWS = 100_000
ORG_IMPORT_ASYNC_BYTES = 256 * 1024

# Residents: contact cards, matters, special groups (docs/domain.md §6: S6–S9).
DAJIWEI_RESIDENTS = {
    "public_base_url": env("PUBLIC_BASE_URL", default=""),  # S6: the QR code's site; "" = request
    "photo_max_kb": 2048,  # S6: a responsible person's photo
    "description_min_chars": 5,  # S7: a matter's description
    "description_max_chars": 2000,
    "public_submits_per_window": env.int("POLICY_PUBLIC_SUBMITS", default=5),  # per client
    "public_submit_window_seconds": 3600,
    "visit_overdue_days": env.int("POLICY_VISIT_OVERDUE_DAYS", default=30),  # S8
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
