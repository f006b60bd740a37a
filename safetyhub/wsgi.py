"""WSGI entry point (gunicorn safetyhub.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safetyhub.settings")
application = get_wsgi_application()
