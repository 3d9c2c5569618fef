"""Ideas and practices: supports limited per person per space, endorsement at a threshold."""

import pytest
from django.urls import reverse

from community.models import Idea, Support, SupportAllowance, Thread
from community.services import ideas
from courses.permissions import Refused

from .community_builders import build_world, client_for, fresh_cache, make_post, make_user  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def world(course_en, settings):
    settings.ACADEMY_COMMUNITY_SUPPORTS_PER_SPACE = 2
    settings.ACADEMY_COMMUNITY_ENDORSEMENT_THRESHOLD = 2
    return build_world(course_en)


def new_idea(world, title, author=None):
    return ideas.add_idea(author or world.learner_out, world.ideas_thread, title=title, need="Need",
                          description="How it works", country="Senegal", language="en",
                          tags=["seeds", "coop"])


def test_the_support_limit_is_per_person_per_space(world):
    first, second, third = (new_idea(world, name) for name in ("A", "B", "C"))
    ideas.support(world.learner_in, first)
    ideas.support(world.learner_in, second)
    with pytest.raises(Refused) as refused:
        ideas.support(world.learner_in, third)
    assert refused.value.status == 409 and "all your 2 supports" in refused.value.message
    assert SupportAllowance.objects.get(user=world.learner_in).used == 2
    # withdrawing gives the support back
    ideas.withdraw_support(world.learner_in, first)
    ideas.support(world.learner_in, third)
    supported = Support.objects.filter(user=world.learner_in).values_list("idea__title", flat=True)
    assert set(supported) == {"B", "C"}
    # another space has its own allowance
    academy_round = Thread.objects.create(topic=world.academy_topic, kind=Thread.IDEAS, title="R",
                                          author=world.trainer, language="en")
    make_post(academy_round, world.trainer, depth=0)
    elsewhere = ideas.add_idea(world.learner_out, academy_round, title="D", need="n", description="d",
                               country="", language="en")
    ideas.support(world.learner_in, elsewhere)


def test_endorsement_exactly_at_the_threshold(world):
    idea = new_idea(world, "Seed bank")
    ideas.support(world.learner_in, idea)
    idea.refresh_from_db()
    assert idea.support_count == 1 and not idea.endorsed
    ideas.support(world.facilitator_in, idea)
    idea.refresh_from_db()
    assert idea.support_count == 2 and idea.endorsed
    page = client_for(world, "learner_in").get(reverse("sse_community:thread", args=[world.ideas_thread.pk]))
    assert "Endorsed by the community" in page.content.decode()


def test_no_supporting_twice_or_ones_own_idea(world):
    idea = new_idea(world, "Seed bank")
    ideas.support(world.learner_in, idea)
    with pytest.raises(Refused) as twice:
        ideas.support(world.learner_in, idea)
    assert twice.value.status == 409
    with pytest.raises(Refused) as own:
        ideas.support(world.learner_out, idea)
    assert own.value.status == 400
    assert Idea.objects.get(pk=idea.pk).support_count == 1


def test_a_closed_round_takes_no_support(world):
    idea = new_idea(world, "Seed bank")
    Thread.objects.filter(pk=world.ideas_thread.pk).update(closed=True)
    idea = Idea.objects.get(pk=idea.pk)
    with pytest.raises(Refused) as refused:
        ideas.support(world.learner_in, idea)
    assert refused.value.status == 409


def test_supporting_through_the_page_shows_what_is_left(world):
    idea = new_idea(world, "Seed bank")
    client = client_for(world, "learner_in")
    page = client.get(reverse("sse_community:thread", args=[world.ideas_thread.pk])).content.decode()
    assert "You can support 2 more ideas in this space." in page
    assert "Seed bank" in page and "Senegal" in page and "#seeds" in page
    assert client.post(reverse("sse_community:support", args=[idea.pk])).status_code == 302
    page = client.get(reverse("sse_community:thread", args=[world.ideas_thread.pk])).content.decode()
    assert "You can support 1 more idea in this space." in page and "Withdraw my support" in page
    assert client.post(reverse("sse_community:support", args=[idea.pk]), {"withdraw": "1"}).status_code == 302
    assert Idea.objects.get(pk=idea.pk).support_count == 0


def test_a_plain_reply_in_an_ideas_round_is_refused(world):
    response = client_for(world, "learner_in").post(
        reverse("sse_community:reply", args=[world.ideas_thread.pk]), {"body": "x", "language": "en"})
    assert response.status_code == 400


def test_support_rate_limit(world, settings):
    settings.ACADEMY_COMMUNITY_RATE_SUPPORT = (1, 60)
    settings.ACADEMY_COMMUNITY_SUPPORTS_PER_SPACE = 5
    first, second = new_idea(world, "A"), new_idea(world, "B")
    ideas.support(world.learner_in, first)
    with pytest.raises(Refused) as refused:
        ideas.support(world.learner_in, second)
    assert refused.value.status == 429
    assert Support.objects.filter(user=world.learner_in).count() == 1
