from django.urls import path

from safetyhub.pagecache import page_cached

from . import api, exports, feeds, views

urlpatterns = [
    path("", page_cached(views.home), name="home"),
    path("meetings/", page_cached(views.meeting_list), name="meeting_list"),
    path("meetings/export.csv", page_cached(exports.meeting_export_csv), name="meeting_export_csv"),
    path("meetings/export.json", page_cached(exports.meeting_export_json), name="meeting_export_json"),
    path("meetings/feed.atom", page_cached(feeds.MeetingFeed()), name="meeting_feed"),
    path("meetings/<int:pk>/", page_cached(views.meeting_detail), name="meeting_detail"),
    path("directives/", page_cached(views.directive_list), name="directive_list"),
    path("officials/<int:pk>/", page_cached(views.official_detail), name="official_detail"),
    path("sectors/<slug:slug>/", page_cached(views.sector_detail), name="sector_detail"),
    path("regions/<str:code>/", page_cached(views.region_detail), name="region_detail"),
    path("api/meetings/", page_cached(api.api_meeting_list), name="api_meeting_list"),
    path("api/meetings/<int:pk>/", page_cached(api.api_meeting_detail), name="api_meeting_detail"),
]
