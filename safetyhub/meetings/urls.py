from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("officials/<int:pk>/", views.official_detail, name="official_detail"),
    path("sectors/<slug:slug>/", views.sector_detail, name="sector_detail"),
    path("regions/<str:code>/", views.region_detail, name="region_detail"),
]
