"""In-site notifications and emails (immediate or a daily digest), with subscriptions.

Other apps call `sse_notifications.services` and register visibility filters in
`sse_notifications.visibility`; this app imports nothing above `courses`.
"""
