"""In-site notifications and emails (immediate or a daily digest), with subscriptions.

Other apps call `notifications.services` and register visibility filters in
`notifications.visibility`; this app imports nothing above `courses`.
"""
