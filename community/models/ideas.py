"""Ideas and practices: structured cards in an ideas round, supported by learners."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Idea(models.Model):
    """The card of a response in an ideas round; its description is the post's text."""

    post = models.OneToOneField("sse_community.Post", on_delete=models.CASCADE, related_name="idea")
    title = models.CharField(_("title"), max_length=200)
    need = models.TextField(_("the need it answers"), max_length=2000)
    country = models.CharField(_("country"), max_length=100, blank=True)
    tags = models.ManyToManyField("sse_community.Tag", blank=True, related_name="ideas")
    support_count = models.PositiveIntegerField(default=0)
    endorsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("idea")

    def __str__(self):
        return self.title

    @property
    def endorsed(self):
        return self.endorsed_at is not None


class Support(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="community_supports")
    space = models.ForeignKey("sse_community.Space", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="community_one_support")]

    def __str__(self):
        return f"{self.user_id} supports {self.idea_id}"


class SupportAllowance(models.Model):
    """How many supports a person has used in a space: the row locked while supporting,
    so parallel requests cannot exceed the limit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    space = models.ForeignKey("sse_community.Space", on_delete=models.CASCADE, related_name="+")
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "space"],
                                               name="community_one_allowance")]

    def __str__(self):
        return f"{self.user_id} used {self.used} in {self.space_id}"
