"""Safe YAML reading shared by every file we read (ledgers, metadata, lexicons, rules).

The loader is PyYAML's C loader when present, refuses aliases (a ledger never
needs them and they enable expansion bombs) and leaves dates as text, so
2025-12-11 and '2025-12-11' mean the same and a bad date is our error to word.
"""

from __future__ import annotations

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class StrictLoader(_BaseLoader):
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed here", node.start_mark
            )
        return super().construct_object(node, deep)


def load_yaml(text: str, where: str, error: type[Exception]) -> object:
    """Parse text; any YAML problem raises error("WHERE: invalid YAML at line N: problem")."""
    try:
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None) or getattr(problem, "context_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        detail = getattr(problem, "problem", None) or str(problem).splitlines()[0]
        raise error(f"{where}: invalid YAML{line}: {detail}") from None
    except (ValueError, TypeError, RecursionError) as problem:
        raise error(f"{where}: invalid YAML: {problem}") from None
