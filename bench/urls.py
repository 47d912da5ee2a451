"""The platform's URLs plus POST /bench/floor, which exists only under bench.settings."""

import uuid

from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from recours.core.models import RateLimitCounter
from recours.urls import urlpatterns as recours_urlpatterns


@csrf_exempt
@require_POST
def floor(request: HttpRequest) -> JsonResponse:
    """The least a write can cost on this stack: one ORM insert (a fresh connection, one
    INSERT, one commit), through the same middleware as the API. The body is not read."""
    RateLimitCounter.objects.create(key=f"bench-floor:{uuid.uuid4().hex}", window_start=0, expires_at=2**62)
    return JsonResponse({"ok": True}, status=201)


urlpatterns = [path("bench/floor", floor), *recours_urlpatterns]
