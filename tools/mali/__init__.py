"""Validation, pattern and calibration tools for the Mali reference scenario (docs/calibration.md)."""
