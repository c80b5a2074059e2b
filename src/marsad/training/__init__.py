"""Trainers for `marsad train`: build Marsad's models from data."""
