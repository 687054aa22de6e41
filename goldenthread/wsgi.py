import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
application = get_wsgi_application()
# Every URL and view is imported now, as the worker boots, not on its first request: after a
# restart or a crash no one's request waits the second and more that loading them takes.
get_resolver().url_patterns  # noqa: B018 - the lookup is the loading
