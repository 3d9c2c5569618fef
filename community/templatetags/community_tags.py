from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from ..people import display_name as _display_name
from ..rendering import sanitise

register = template.Library()


@register.filter
def display_name(user):
    return _display_name(user) if user else ""


@register.filter
def sanitised(html):
    """Post HTML was sanitised when stored; sanitising again at output costs little and
    means no template ever marks user text safe without nh3 seeing it."""
    return mark_safe(sanitise(html or ""))  # noqa: S308 - nh3 output


@register.filter
def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (filters, pages)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
