"""One date mention's named groups → a DateValue, by the resolver its rule names (``resolve: calendar``)."""

from __future__ import annotations

from . import holidays, offsets, parts, periods, relative, times  # noqa: F401  (importing them registers their resolvers)
from .values import RESOLVERS, Context, DateValue


def resolve_groups(name: str, groups: dict, options: dict, context: Context) -> DateValue | None:
    """The value of a mention whose rule names resolver ``name``; None when the text names no real date."""
    return RESOLVERS[name](groups, options, context)
