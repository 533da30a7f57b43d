from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

# Development accounts, stated in the README. Never created when DEBUG is off.
DEMO_ACCOUNTS = [
    # username, password, group, superuser
    ("admin", "demo-admin-2026", None, True),
    ("editeur", "demo-editeur-2026", "Editor", False),
    ("publieur", "demo-publieur-2026", "Publisher", False),
]


class Command(BaseCommand):
    help = "Create the demo staff accounts listed in the README (development only, idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only (DEBUG is off).")
        User = get_user_model()
        for username, password, group, superuser in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "is_superuser": superuser},
            )
            if created:
                user.set_password(password)
                user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
            self.stdout.write(f"{username} / {password}" + (" (created)" if created else ""))
