"""Thin views: they read the request, call reading/services, and render or redirect."""
