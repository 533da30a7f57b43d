import datetime

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements.alerts import agreement_alerts


class Command(BaseCommand):
    help = (
        "List agreements expiring within 12 months, past their end but still in force, or due for "
        "renewal, and e-mail the list to the publishers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="As of (YYYY-MM-DD)")
        parser.add_argument("--months", type=int, default=12)
        parser.add_argument("--no-email", action="store_true")
        parser.add_argument("--language", default="fr", choices=["fr", "en"])

    def handle(self, *args, date=None, months=12, no_email=False, language="fr", **options):
        today = date or timezone.localdate()
        with translation.override(language):
            alerts = agreement_alerts(today=today, months=months)
            text = render_to_string(
                "staff/agreement_alerts.txt", {"alerts": alerts, "months": months}
            ).strip()
            self.stdout.write(text)
            if no_email or not alerts:
                return
            publishers = list(
                get_user_model()
                .objects.filter(is_active=True)
                .filter(Q(groups__name="Publisher") | Q(is_superuser=True))
                .exclude(email="")
                .values_list("email", flat=True)
                .distinct()
            )
            if publishers:
                send_mail(
                    _("Agreements to watch as of %(date)s") % {"date": today.isoformat()},
                    text,
                    None,
                    sorted(publishers),
                )
                self.stdout.write(_("Sent to %(count)d publishers.") % {"count": len(publishers)})
