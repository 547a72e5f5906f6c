"""The emails resource."""
