"""Certificates of completion and Open Badges 3.0 credentials.

Layer: above courses and quizzes (which never import it), below academy.
"""
