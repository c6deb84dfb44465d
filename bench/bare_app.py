"""A bare one-view Django app: the yardstick each HTTP benchmark is reported against.

Served with the same gunicorn config as the product (`gunicorn bench.bare_app`), it answers
GET /bare with a small text response: no middleware, database, cache or template.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-app-bench-only",  # noqa: S106 - a throwaway bench app
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bare", bare)]
application = get_wsgi_application()
