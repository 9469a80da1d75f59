"""Plumbing every layer uses: the user cache, compiled-regex cache, YAML reading with line numbers."""
