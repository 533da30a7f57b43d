"""The admin's words for each kind of record, where Django's own cannot say them in French.

Django builds its titles, its "Add" button and its "Delete selected" action from the model's
verbose name ("Ajout de %s", "Ajouter %(name)s", "Supprimer les %(verbose_name_plural)s
sélectionnés"): French then lacks its article and elision ("Ajout de entente") and the
agreement of the past participle ("missions sélectionnés"). An admin gives whole phrases
instead, one per situation, translated as phrases ("Ajout d'une entente", "Supprimer les
missions sélectionnées"); an admin without them keeps Django's.
"""

import json
from dataclasses import dataclass

from django.contrib.admin.utils import NestedObjects, quote
from django.db import router
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Wording:
    view: str | Promise  # the title of a page the user may only read
    add: str | Promise | None = None  # the add page's title
    change: str | Promise | None = None  # the change page's title
    add_button: str | Promise | None = None  # the change list's "Add" button
    delete_selected: str | Promise | None = None  # the change list's delete action


class WordedAdmin:
    """Mixed into the project's admins, before Django's ModelAdmin."""

    wording: Wording | None = None

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.wording is not None:
            if add:
                title = self.wording.add
            elif self.has_change_permission(request, obj):
                title = self.wording.change
            else:
                title = self.wording.view
            context["title"] = title or context.get("title")
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        """The list titled by what it lists ("Ententes", not Django's "Sélectionnez l'objet
        entente à changer"), with the admin's own "Add" button."""
        if self.wording is not None:
            extra_context = {
                "title": capfirst(self.opts.verbose_name_plural),
                **({"add_label": self.wording.add_button} if self.wording.add_button else {}),
                **(extra_context or {}),
            }
        return super().changelist_view(request, extra_context)

    def get_deleted_objects(self, objs, request):
        """What a deletion takes with it, as Django's delete page lists it
        (django.contrib.admin.utils.get_deleted_objects), except the links of a many-to-many
        field: Django names them by their table ("Agreement_parties object (21)"); here each
        says which record it linked to, and that this record is kept."""
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        perms_needed = set()
        site = self.admin_site

        def describe(obj):
            opts = obj._meta
            if opts.auto_created:
                return link_description(obj, self.model)
            text = "%s: %s" % (capfirst(opts.verbose_name), obj)  # noqa: UP031 (Django's)
            if not site.is_registered(obj.__class__):
                return text
            if not site.get_model_admin(obj.__class__).has_delete_permission(request, obj):
                perms_needed.add(opts.verbose_name)
            try:
                url = reverse(
                    f"{site.name}:{opts.app_label}_{opts.model_name}_change",
                    args=[quote(obj.pk)],
                )
            except NoReverseMatch:
                return text
            return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

        to_delete = collector.nested(describe)
        protected = [describe(obj) for obj in collector.protected]
        model_count = {
            model._meta.verbose_name_plural: len(found)
            for model, found in collector.model_objs.items()
            if not model._meta.auto_created
        }
        return to_delete, model_count, perms_needed, protected

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        """An inline's "Add another" link in its own words (its `add_another`), instead of
        Django's "Ajouter un objet Lieu visité supplémentaire"."""
        admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for admin_formset in admin_formsets:
            text = getattr(admin_formset.opts, "add_another", None)
            if text:
                data = json.loads(admin_formset.inline_formset_data())
                data["options"]["addText"] = str(text)
                encoded = json.dumps(data)
                admin_formset.inline_formset_data = lambda encoded=encoded: encoded
        return admin_formsets

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.wording and self.wording.delete_selected and "delete_selected" in actions:
            function, name, _description = actions["delete_selected"]
            actions["delete_selected"] = (function, name, self.wording.delete_selected)
        return actions


def link_description(link, deleted_model) -> str:
    """A many-to-many link as the delete page shows it: the record on its other side."""
    keys = [field for field in link._meta.fields if field.is_relation]
    others = [field for field in keys if field.related_model is not deleted_model] or keys[-1:]
    other = getattr(link, others[0].name)
    return _("Link with “%(record)s” (%(kind)s), which is kept") % {
        "record": other,
        "kind": other._meta.verbose_name,
    }
