"""The quarantine_defaults resource."""
