"""xAPI statements from the H5P player: validated, completed by the server (id,
timestamp, stored, authority), stored, and turned into results and progress."""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .. import progress
from ..models import H5PResult, XAPIStatement
from ..permissions import Refused
from .lrs import lrs_configured

COMPLETING_VERBS = {"completed", "answered"}
SUCCESS_VERBS = {"passed": True, "mastered": True, "failed": False}
AUTHORITY = {"objectType": "Agent", "name": "SSE Academy",
             "account": {"homePage": "https://sse-academy.invalid", "name": "sse-academy"}}


def actor_for(user):
    return {"objectType": "Agent", "name": user.get_full_name() or user.get_username(),
            "mbox": f"mailto:{user.email or user.get_username()}"}


def short_verb(statement):
    return statement["verb"]["id"].rstrip("/").rsplit("/", 1)[-1]


def check_shape(statement, user):
    """The parts of a statement this server relies on; the actor must be the learner."""
    if not isinstance(statement, dict):
        raise Refused(400, _("A statement is a JSON object."))
    verb, obj = statement.get("verb"), statement.get("object")
    if not (isinstance(verb, dict) and isinstance(verb.get("id"), str) and verb["id"]):
        raise Refused(400, _("The statement has no verb id."))
    if not (isinstance(obj, dict) and isinstance(obj.get("id"), str) and obj["id"]):
        raise Refused(400, _("The statement has no object id."))
    actor = statement.get("actor")
    if actor is not None:
        mine = actor_for(user)["mbox"].lower()
        if not isinstance(actor, dict) or str(actor.get("mbox", mine)).lower() != mine:
            raise Refused(403, _("A statement can only be about yourself."))
    result = statement.get("result", {})
    if not isinstance(result, dict):
        raise Refused(400, _("The statement's result must be an object."))
    score = result.get("score", {})
    if not isinstance(score, dict) or any(
            not isinstance(score[k], int | float) or isinstance(score[k], bool)
            for k in ("raw", "min", "max", "scaled") if k in score):
        raise Refused(400, _("The statement's score must hold numbers."))
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        raise Refused(400, _("A scaled score lies between -1 and 1."))
    timestamp = statement.get("timestamp")
    if timestamp is not None and (not isinstance(timestamp, str) or parse_datetime(timestamp) is None):
        raise Refused(400, _("The statement's timestamp is not a date."))


def is_top_level(statement):
    parents = (statement.get("context") or {}).get("contextActivities", {}).get("parent")
    return not parents


def record(user, step, course_key, block_id, package, statement):
    """Store one statement (see record_many). Returns the stored statement."""
    return record_many(user, step, course_key, block_id, package, [statement])[0]


def completed(statement, actor, stored):
    """The statement as stored: the server writes its id, actor, stored time, authority."""
    return {**statement, "id": str(uuid.uuid4()), "actor": actor,
            "timestamp": statement.get("timestamp") or stored,
            "stored": stored, "authority": AUTHORITY, "version": "1.0.3"}


def result_changes(statements):
    """What the statements, in order, change in the learner's result for the block:
    {field: value}. Sub-question statements (with a parent) change nothing."""
    changes = {}
    for statement in statements:
        if not is_top_level(statement):
            continue
        verb = short_verb(statement)
        score = statement.get("result", {}).get("score", {})
        if "raw" in score or "scaled" in score:
            changes["raw"], changes["max"] = score.get("raw"), score.get("max")
            changes["scaled"] = score.get("scaled", (score["raw"] / score["max"])
                                          if score.get("max") and "raw" in score else None)
        success = statement.get("result", {}).get("success")
        if verb in COMPLETING_VERBS or verb in SUCCESS_VERBS:
            changes["completed"] = True
        if verb in SUCCESS_VERBS:
            changes["passed"] = SUCCESS_VERBS[verb]
        elif isinstance(success, bool):
            changes["passed"] = success
    return changes


def record_many(user, step, course_key, block_id, package, statements):
    """Store a batch of statements about one block; update the learner's result; complete
    the lesson when all its H5P activities are done. Every statement is checked before
    any is written. A fixed number of queries per batch and no lock held per statement:
    the statements go in one insert, the result changes in one upsert that touches only
    the fields they set. Returns the stored statements."""
    for statement in statements:
        check_shape(statement, user)
    now = timezone.now()
    actor, stored_at = actor_for(user), now.isoformat()
    statements = [completed(statement, actor, stored_at) for statement in statements]
    changes = result_changes(statements)
    with transaction.atomic():
        stored = XAPIStatement.objects.bulk_create([
            XAPIStatement(id=statement["id"], user=user, step_key=step.translation_key,
                          course_key=course_key, block_id=block_id,
                          verb=short_verb(statement)[:255], statement=statement, stored=now)
            for statement in statements])
        row = H5PResult(user=user, step_key=step.translation_key, block_id=block_id,
                        package=package, **changes)
        if changes:
            H5PResult.objects.bulk_create(
                [row], update_conflicts=True, unique_fields=["user", "step_key", "block_id"],
                update_fields=[*changes, "updated_at"])
        else:  # the row exists from the first statement on, as the player's state does
            H5PResult.objects.bulk_create([row], ignore_conflicts=True)
        if ("completed" in changes or "passed" in changes) and step.completes_with_h5p() \
                and all_done(user, step):
            progress.complete_step(user, step, course_key)
        if lrs_configured():
            from ..outbox import enqueue_after_commit
            from ..tasks import forward_xapi_statements

            # Recorded with the statement; an unreachable broker never fails the request.
            enqueue_after_commit(forward_xapi_statements)
    return stored


def block_done(result, rule):
    return bool(result and result.completed and (rule != "pass" or result.passed))


def all_done(user, step):
    blocks = step.h5p_blocks()
    results = {r.block_id: r for r in H5PResult.objects.filter(
        user=user, step_key=step.translation_key, block_id__in=[b.id for b in blocks])}
    return bool(blocks) and all(block_done(results.get(b.id), b.value["completion"])
                                for b in blocks)
