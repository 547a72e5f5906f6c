"""Quota eviction jobs."""
