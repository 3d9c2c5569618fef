"""The collective-intelligence space: spaces, topics, threads, ideas, syntheses."""
