"""The filter_settings resource."""
