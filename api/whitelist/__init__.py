"""The whitelist resource."""
