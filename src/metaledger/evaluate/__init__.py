"""Scores against hand annotations and development cases."""
