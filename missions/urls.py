from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "missions"

urlpatterns = [
    path("", views.MissionListView.as_view(), name="list"),
    path(_("feed/"), feeds.MissionFeed(), name="feed"),
    path("<slug:slug>/", views.MissionDetailView.as_view(), name="detail"),
]
