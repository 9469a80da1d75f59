"""The tables of news forms in test_news_*_corpus.py: {form: {expected: [text, or (text, span)]}}
flattened into one parametrized case per text."""

from __future__ import annotations


def form_cases(forms: dict) -> list[tuple]:
    """(form, text, span, expected) per entry; a bare string is its own span."""
    cases = []
    for form, groups in forms.items():
        for expected, entries in groups.items():
            for entry in entries:
                text, span = (entry, entry) if isinstance(entry, str) else entry
                cases.append((form, text, span, expected))
    return cases
