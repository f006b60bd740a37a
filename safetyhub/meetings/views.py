"""Public pages. Placeholders until the browse issue lands; healthz is final."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from .models import Meeting, Official, Region, Sector


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "meetings/home.html", {"meetings": Meeting.objects.all()[:20]})


def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(request, "meetings/home.html", {"meetings": Meeting.objects.all()[:50]})


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "meetings/home.html", {"meetings": [get_object_or_404(Meeting, pk=pk)]})


def official_detail(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Official, pk=pk)
    return render(request, "meetings/home.html", {"meetings": []})


def sector_detail(request: HttpRequest, slug: str) -> HttpResponse:
    get_object_or_404(Sector, slug=slug)
    return render(request, "meetings/home.html", {"meetings": []})


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    get_object_or_404(Region, code=code)
    return render(request, "meetings/home.html", {"meetings": []})


def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok"})
