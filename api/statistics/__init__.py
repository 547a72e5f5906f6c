"""The statistics resource."""
