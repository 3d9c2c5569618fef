"""What the views call: every change to community data goes through these functions."""
