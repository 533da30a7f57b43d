"""What a locked-out staff member sees, in their language and in the staff site's look."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    context = admin.site.each_context(request)
    # The login page's own header: the site's name, no navigation (nobody is logged in).
    context.update(minutes=minutes, title="", has_permission=False, is_nav_sidebar_enabled=False)
    return render(request, "staff/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
