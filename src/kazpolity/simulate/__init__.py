"""Synthetic elections with known falsification, for measuring forensic detectors."""
