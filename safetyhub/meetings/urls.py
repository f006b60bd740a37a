from django.urls import path

from . import api, exports, feeds, views

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/export.csv", exports.meeting_export_csv, name="meeting_export_csv"),
    path("meetings/export.json", exports.meeting_export_json, name="meeting_export_json"),
    path("meetings/feed.atom", feeds.MeetingFeed(), name="meeting_feed"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("directives/", views.directive_list, name="directive_list"),
    path("officials/<int:pk>/", views.official_detail, name="official_detail"),
    path("sectors/<slug:slug>/", views.sector_detail, name="sector_detail"),
    path("regions/<str:code>/", views.region_detail, name="region_detail"),
    path("api/meetings/", api.api_meeting_list, name="api_meeting_list"),
    path("api/meetings/<int:pk>/", api.api_meeting_detail, name="api_meeting_detail"),
]
