"""Moderation services, one module per concern: reports, post actions, thread actions,
suspensions. Each moderator action checks permissions, then writes its change and its
audit row in one transaction."""
