"""System check: where keys are not created on first use (production), the configured
badge signing key must be there and be an Ed25519 key before the site serves."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from . import conf, keys


@register()
def badge_key_check(app_configs, **kwargs):
    if conf.badge_key_may_be_created():
        return []
    try:
        keys.load(keys.configured_pem())
    except (ImproperlyConfigured, OSError) as problem:
        return [Error(str(problem), id="sse_credentials.E001",
                      hint="Every node and worker needs the same key (README, \"Production\").")]
    return []
