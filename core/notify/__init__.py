"""Telling people: quarantine digests and the signed one-click links in them.

May import: core's top-level modules (errors, models, names, durations, keys, settings, settings_sections,
verdict_policy, durable_files), core.mail, core.net, core.identity, core.learning, core.store, core.detection,
core.quarantine; never workers, api, cli, flask or dramatiq.
"""
