"""Scorers for `marsad eval`: compare Marsad's output with gold files and compute figures."""
