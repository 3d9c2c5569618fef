"""Template tags of the pack's layout: hook output and account links from settings."""

from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

from .. import links

register = template.Library()


@register.simple_tag(takes_context=True)
def sse_hook(context, name):
    """The HTML that every function registered for this hook returns, in order."""
    return mark_safe("".join(str(fn(context)) for fn in hooks.get_hooks(name)))


@register.simple_tag
def login_url():
    return links.login_url()


@register.simple_tag
def signup_url():
    return links.signup_url() or ""


@register.simple_tag
def logout_url():
    return links.logout_url()


@register.simple_tag
def home_url():
    return links.home_url()
