"""Walls: the lexicon of wall texts and the detectors for both phases."""
