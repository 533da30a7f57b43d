"""The admin's words for each kind of record, where Django's own cannot say them in French.

Django builds its titles, its "Add" button and its "Delete selected" action from the model's
verbose name ("Ajout de %s", "Ajouter %(name)s", "Supprimer les %(verbose_name_plural)s
sélectionnés"): French then lacks its article and elision ("Ajout de entente") and the
agreement of the past participle ("missions sélectionnés"). An admin gives whole phrases
instead, one per situation, translated as phrases ("Ajout d'une entente", "Supprimer les
missions sélectionnées"); an admin without them keeps Django's.
"""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Wording:
    add: str | Promise  # the add page's title
    change: str | Promise  # the change page's title
    view: str | Promise  # the title of a page the user may only read
    add_button: str | Promise  # the change list's "Add" button
    delete_selected: str | Promise  # the change list's delete action


class WordedAdmin:
    """Mixed into the project's admins, before Django's ModelAdmin."""

    wording: Wording | None = None

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.wording is not None:
            if add:
                context["title"] = self.wording.add
            elif self.has_change_permission(request, obj):
                context["title"] = self.wording.change
            else:
                context["title"] = self.wording.view
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        if self.wording is not None:
            extra_context = {"add_label": self.wording.add_button, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.wording is not None and "delete_selected" in actions:
            function, name, _description = actions["delete_selected"]
            actions["delete_selected"] = (function, name, self.wording.delete_selected)
        return actions
