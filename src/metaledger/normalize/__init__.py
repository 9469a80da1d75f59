"""Normalizers: turn one extracted span into a value (numbers, dates, names)."""
