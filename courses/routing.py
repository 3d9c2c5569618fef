"""Resolve a URL below a page in two queries, instead of two per tree level."""

from django.http import Http404
from wagtail.models import Page
from wagtail.url_routing import RouteResult


class SubtreeRoutingMixin:
    """For pages high in the tree (home, course catalogue), whose URLs go deep:
    /fr/cours/<course>/<module>/<lesson>/ is found by its url_path in one query."""

    MAX_DEPTH = 8  # deeper than any course URL: leave it to Wagtail's step-by-step routing

    def route(self, request, path_components):
        if not path_components or len(path_components) > self.MAX_DEPTH:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[: depth + 1]) + "/"
            for depth in range(len(path_components))
        ]
        found = {
            page.url_path: page
            for page in Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
            .only("id", "path", "depth", "url_path", "live", "content_type_id")
        }
        chain = []
        for prefix in prefixes:
            if prefix not in found:
                break
            chain.append(found[prefix])
        if not chain or not all(page.live for page in chain):
            raise Http404
        remaining = path_components[len(chain):]
        target = chain[-1].specific
        if remaining:
            # A page that routes further by itself (e.g. RoutablePageMixin) takes over.
            return target.route(request, remaining)
        return RouteResult(target)
