from django.utils.functional import SimpleLazyObject

from recours.core.instance import instance_get


def instance(request):
    """`instance` in every template, read from the database only if a template uses it."""
    return {"instance": SimpleLazyObject(instance_get)}
