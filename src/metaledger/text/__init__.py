"""Bytes to text: decoding, front matter, script conversion, sentences."""
