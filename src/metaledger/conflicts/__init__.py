"""Where reports disagree about the same fact, and how a figure evolved across reports.

``find_conflicts(ledgers)`` reads every figure and event date of the ledgers as a statement of a
fact (rules.py, resources/lexicon/facts.yaml; statements.py), groups the statements of the same
fact (grouping.py) and judges them: agreed at the coarser precision (values.py), a conflict, or
an update of a running count. render.py turns the report into a table, JSON, YAML or Markdown.
"""

from __future__ import annotations

from .find import find_conflicts
from .report import ConflictReport, Fact, Relation, Statement, Unplaced

__all__ = ["ConflictReport", "Fact", "Relation", "Statement", "Unplaced", "find_conflicts"]
