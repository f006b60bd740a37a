"""Admin registrations. The full editing workflow (ownership, review, merge) lives in issue 7."""

from django.contrib import admin

from .models import Attendance, Directive, Meeting, MeetingSource, Official, Region, Sector


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "level", "parent", "in_gazetteer")
    list_filter = ("level", "in_gazetteer")
    search_fields = ("code", "name_zh", "name_en")
    autocomplete_fields = ("parent",)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_en", "name_zh")
    search_fields = ("slug", "name_en", "name_zh")


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "home_region")
    search_fields = ("name_zh", "name_en")
    autocomplete_fields = ("home_region", "merged_into")


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ("official",)
    fields = ("official", "presided", "spoke", "attended", "instructed", "reported", "title", "editor_owned")


class DirectiveInline(admin.StackedInline):
    model = Directive
    extra = 0
    autocomplete_fields = ("issuer", "sectors")
    fields = ("order", "issuer", "text", "sectors", "editor_owned")


class SourceInline(admin.TabularInline):
    model = MeetingSource
    extra = 0
    readonly_fields = ("location", "file_hash", "first_seen", "last_seen")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "held_on_display", "region", "language", "review_state")
    list_filter = ("review_state", "language", "meeting_type")
    search_fields = ("title",)
    autocomplete_fields = ("region", "sectors")
    readonly_fields = ("raw_text", "content_hash")
    inlines = (AttendanceInline, DirectiveInline, SourceInline)


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ("__str__", "meeting", "issuer")
    search_fields = ("text",)
    autocomplete_fields = ("meeting", "issuer", "sectors")
