"""The API's OpenAPI schema (drf-spectacular), with what its generator cannot guess: each
filter's type, bounds and meaning from the FilterSet, and the 400 and 404 answers."""

import django_filters
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

ERROR = {
    "type": "object",
    "description": "What is wrong: `detail`, or for each parameter the messages about it.",
    "additionalProperties": True,
}
ERRORS = {
    "400": "A filter's value is malformed or unknown; the body names the parameter.",
    "404": "No published record has this identifier, or the page does not exist.",
}


def filter_schema(item: django_filters.Filter) -> dict:
    if isinstance(item, django_filters.NumberFilter):
        schema = {"type": "integer"}
        for key, bound in (("min_value", "minimum"), ("max_value", "maximum")):
            if item.extra.get(key) is not None:
                schema[bound] = item.extra[key]
        return schema
    choices = item.extra.get("choices")
    if isinstance(item, django_filters.ChoiceFilter) and choices:
        return {"type": "string", "enum": [str(value) for value, _label in choices]}
    # Form fields refuse the null character in a text.
    text = {"type": "string", "pattern": "^[^\\x00]*$"}
    if item.extra.get("max_length"):
        text["maxLength"] = item.extra["max_length"]
    return text


def filter_parameters(filterset_class) -> list[OpenApiParameter]:
    """A query parameter per filter of the FilterSet, said as its form labels it."""
    parameters = []
    for name, item in filterset_class.base_filters.items():
        description = str(item.label or name)
        if item.extra.get("help_text"):
            description = f"{description}. {item.extra['help_text']}"
        many = isinstance(item, django_filters.ModelMultipleChoiceFilter)
        if isinstance(
            item, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter
        ):
            description = f"{description} (slug)"
        parameters.append(
            OpenApiParameter(
                name,
                str if many else filter_schema(item),
                OpenApiParameter.QUERY,
                description=description,
                many=many or None,
            )
        )
    return parameters


class ApiSchema(AutoSchema):
    def get_filter_backends(self):
        # Every filter parameter comes from filter_parameters() below, which reads the
        # FilterSet itself; the backend's own guesses (a method filter's type) would only warn.
        return []

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is not None:
            named = {parameter.name for parameter in parameters}
            parameters += [p for p in filter_parameters(filterset_class) if p.name not in named]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["404"]
        if self._is_list_view():
            codes.insert(0, "400")
        for code in codes:
            responses.setdefault(
                code,
                {
                    "description": ERRORS[code],
                    "content": {"application/json": {"schema": ERROR}},
                },
            )
        return responses
