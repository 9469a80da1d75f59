"""Rules and lexicons as YAML package data, and the loaders that read and validate them."""
