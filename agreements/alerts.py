"""Agreement terms that need a publisher's attention (selectors)."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Q

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


def agreement_alerts(*, today: datetime.date, months: int = 12) -> AgreementAlerts:
    """Drafts included: staff must see every agreement whose term is coming, published or not."""
    horizon = add_months(today, months)
    base = Agreement.objects.prefetch_related("parties").order_by("ends_on", "renewal_due_on", "pk")
    return AgreementAlerts(
        today=today,
        expiring=list(base.filter(status__in=ACTIVE, ends_on__gte=today, ends_on__lte=horizon)),
        past_end_in_force=list(base.filter(status=AgreementStatus.IN_FORCE, ends_on__lt=today)),
        renewal_due=list(
            base.filter(status__in=ACTIVE, renewal_due_on__lte=horizon).filter(
                Q(ends_on__isnull=True) | Q(ends_on__gte=today)
            )
        ),
    )
