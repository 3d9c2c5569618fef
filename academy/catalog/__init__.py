"""The course catalog as data: files under catalog/ → Wagtail pages (see catalog/README.md)."""
