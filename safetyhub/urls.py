from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("safetyhub.meetings.urls")),
]

# A database outage anywhere in the stack answers 503 with a plain page, other errors 500.
handler500 = "safetyhub.errors.server_error"
