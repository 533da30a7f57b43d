"""Agreements whose term needs a decision, printed and e-mailed to the publishers (cron)."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.alerts import agreement_alerts

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    """A link the e-mail's reader can follow: the site's address (SITE_URL) and the path."""
    return settings.SITE_URL.rstrip("/") + path


def add_links(alerts) -> None:
    """Give each agreement listed its admin page and, when published, its public page."""
    for agreement in {*alerts.expiring, *alerts.past_end_in_force, *alerts.renewal_due}:
        agreement.admin_link = absolute(
            reverse("admin:agreements_agreement_change", args=[agreement.pk])
        )
        agreement.public_link = (
            absolute(agreement.get_absolute_url()) if agreement.is_published else ""
        )


def publisher_addresses() -> list[str]:
    return sorted(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name="Publisher") | Q(is_superuser=True))
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


class Command(BaseCommand):
    help = (
        "List agreements expiring within 12 months, past their end but still in force, or due for "
        "renewal, and e-mail the list to the publishers. Exits with status 1 if the e-mail "
        "cannot be sent."
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
            add_links(alerts)
            text = render_to_string(
                "staff/agreement_alerts.txt", {"alerts": alerts, "months": months}
            ).strip()
            self.stdout.write(text)
            if no_email or not alerts:
                return
            publishers = publisher_addresses()
            if not publishers:
                self.stderr.write(
                    _(
                        "Warning: no active publisher has an e-mail address; nothing was sent. "
                        "Give the publishers an address in the admin (Users)."
                    )
                )
                return
            try:
                send_mail(
                    _("Agreements to watch as of %(date)s") % {"date": today.isoformat()},
                    text,
                    settings.DEFAULT_FROM_EMAIL,
                    publishers,
                )
            except (smtplib.SMTPException, OSError) as error:
                logger.exception("agreement alerts: the e-mail could not be sent")
                raise CommandError(
                    _(
                        "The e-mail could not be sent (%(error)s); the list above was not "
                        "delivered. Check the EMAIL_* settings and the mail server."
                    )
                    % {"error": error}
                ) from error
            self.stdout.write(
                ngettext(
                    "Sent to %(count)d publisher.",
                    "Sent to %(count)d publishers.",
                    len(publishers),
                )
                % {"count": len(publishers)}
            )
