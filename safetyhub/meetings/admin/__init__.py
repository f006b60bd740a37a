"""Admin registrations: the editing workflow for meetings, officials, regions and sectors."""

from django.contrib import admin

from . import meetings, officials, reference  # noqa: F401  (registers the model admins)

admin.site.site_header = "SafetyHub"
admin.site.site_title = "SafetyHub admin"
admin.site.index_title = "Archive"
admin.site.site_url = "/"
