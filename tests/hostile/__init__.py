"""Hostile and careless input: every kind tried, and what the curator sees (CATALOGUE.md)."""
