"""Extractors: find the spans of one claim kind in a Document."""
