"""What a locked-out staff member sees, in their language."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return render(
        request,
        "staff/lockout.html",
        {"minutes": minutes, "site_header": "", "title": ""},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
