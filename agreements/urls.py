from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "agreements"

urlpatterns = [
    path("", views.AgreementListView.as_view(), name="list"),
    path(_("feed/"), feeds.AgreementFeed(), name="feed"),
    path("<slug:slug>/", views.AgreementDetailView.as_view(), name="detail"),
    path(_("<slug:slug>/full-text.pdf"), views.agreement_document, name="document"),
]
