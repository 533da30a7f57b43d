from django.urls import path

from partners.trade import views

app_name = "trade"

urlpatterns = [
    path("", views.TradeExplorerView.as_view(), name="explorer"),
]
