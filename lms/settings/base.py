"""Settings shared by every environment. Values that differ come from the environment."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL

INSTALLED_APPS = [
    "lms",
    "lms.people",
    "lms.audit",
    "lms.hours",
    "lms.home",
    "lms.stipends",
    "lms.reports",
    "courses",
    "cbi_curriculum",
    "credentials",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "lms.health.HealthCheckMiddleware",  # first: answers load balancers by IP and over HTTP
    "django.middleware.security.SecurityMiddleware",
    "lms.csp.SiteCSPMiddleware",  # every response, cached public answers included
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # before sessions and sign-in: anonymous visitors of public credential documents
    "credentials.public_cache.PublicAnswerCacheMiddleware",
    "lms.inputs.RefuseNulMiddleware",  # PostgreSQL cannot store NUL; nobody types one
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.people.middleware.PreferredLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.people.middleware.StaffMfaRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "lms:home_for_user"

# django-allauth: sign in with username or email; no self sign-up (staff enroll people).
ACCOUNT_ADAPTER = "lms.people.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/m/ip,5/5m/key",
    "reset_password": "5/m/ip,3/m/key",
    # Wrong second-factor codes per account (lms.people.mfa), on top of login_failed.
    "mfa_code_failed": "5/15m/key,20/1d/key",
}
# Only allauth's sign-in creates sessions, and staff pass its MFA step there: no session from
# a reset link, an e-mailed code, a passkey or a "trusted browser" cookie (the staff gate in
# lms.people.middleware would end such a session anyway).
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SECTOR Learning"
MFA_TRUST_ENABLED = False
# allauth refuses TOTP set-up while an unverified address is on file, against sign-ups that
# squat someone's e-mail; there is no sign-up here, and the refusal would loop a staff
# member between set-up and the staff gate.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_FORMS = {
    "authenticate": "lms.people.mfa.AuthenticateForm",
    "reauthenticate": "lms.people.mfa.ReauthenticateForm",
    "activate_totp": "lms.people.mfa.ActivateTOTPForm",
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "lms" / "locale"]
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # The H5P player, installed by npm (courses).
    ("h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Private uploads (credential evidence): outside MEDIA_ROOT, no URL, served only by views that
# check scope (lms/storage.py).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "lms.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@sector-learning.example")

WAGTAIL_SITE_NAME = "SECTOR Learning"
# No avatars from Gravatar: it would send a hash of each staff e-mail to another company.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "png", "jpg", "jpeg"]
# Documents always go through Wagtail's serve view, so its before_serve_document hooks (who may
# download a handout) run on every backend; never a redirect to a storage URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords are set and changed only through allauth (lms/urls.py routes Wagtail's login and
# reset views there), so every sign-in passes the same MFA step and rate limits.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Program options (documented in README.md): read through lms.app_settings.
LMS_INVITATION_DAYS = env_int("LMS_INVITATION_DAYS", 14)
LMS_MAX_ENTRY_MINUTES = 24 * 60

# Credentials: the key that encrypts issuers' private signing keys (Fernet; required in
# production, a throwaway one is derived from SECRET_KEY in development and tests).
# Content-Security-Policy (lms/csp.py): report-only to try a change; extra media origins.
LMS_CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
LMS_CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")

CREDENTIALS_KEY_ENCRYPTION_KEY = env_str("CREDENTIALS_KEY_ENCRYPTION_KEY", "")
# How long a public credential answer may be kept: by the servers' shared cache (renewed at
# once on any status change) and by browsers and CDNs (not told of changes).
CREDENTIALS_PUBLIC_CACHE_SECONDS = env_int("CREDENTIALS_PUBLIC_CACHE_SECONDS", 300)
CREDENTIALS_PUBLIC_HTTP_MAX_AGE = env_int("CREDENTIALS_PUBLIC_HTTP_MAX_AGE", 60)
