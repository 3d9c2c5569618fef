"""The production profile as the served benchmark runs it: demo_site.settings.production
unchanged, plus the bare view's URL (bench/bare_urls.py)."""

from demo_site.settings.production import *  # noqa: F401,F403

ROOT_URLCONF = "bench.bare_urls"
