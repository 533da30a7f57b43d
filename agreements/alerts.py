"""Agreement terms that need a publisher's attention (selectors)."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from .models import Agreement, AgreementStatus

ACTIVE = [AgreementStatus.SIGNED, AgreementStatus.IN_FORCE]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (January 31 + 1 month: February 28)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class AgreementAlerts:
    today: datetime.date
    expiring: list[Agreement]
    past_end_in_force: list[Agreement]
    renewal_due: list[Agreement]

    def __bool__(self):
        return bool(self.expiring or self.past_end_in_force or self.renewal_due)


def alert_conditions(*, today: datetime.date, months: int = 12) -> dict[str, Q]:
    """The three kinds of alert, as conditions on agreements (drafts included)."""
    horizon = add_months(today, months)
    return {
        "expiring": Q(status__in=ACTIVE, ends_on__gte=today, ends_on__lte=horizon),
        "past_end_in_force": Q(status=AgreementStatus.IN_FORCE, ends_on__lt=today),
        "renewal_due": Q(status__in=ACTIVE, renewal_due_on__lte=horizon)
        & (Q(ends_on__isnull=True) | Q(ends_on__gte=today)),
    }


def agreement_alerts(*, today: datetime.date, months: int = 12) -> AgreementAlerts:
    """Drafts included: staff must see every agreement whose term is coming, published or not."""
    base = Agreement.objects.prefetch_related("parties").order_by("ends_on", "renewal_due_on", "pk")
    conditions = alert_conditions(today=today, months=months)
    return AgreementAlerts(
        today=today, **{name: list(base.filter(q)) for name, q in conditions.items()}
    )


def alert_counts(*, today: datetime.date, months: int = 12) -> dict[str, int]:
    """How many agreements each alert holds, in one query (the dashboard's summary)."""
    conditions = alert_conditions(today=today, months=months)
    return Agreement.objects.aggregate(
        **{name: Count("pk", filter=q) for name, q in conditions.items()}
    )
