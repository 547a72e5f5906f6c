"""One scan, end to end: the pipeline (attribution -> whitelist -> account state -> checks -> verdict) and the scanner
that applies its effects in order. Nothing in core imports scan.

May import: core's top-level modules (errors, models, names, durations, keys, settings, settings_sections,
verdict_policy, durable_files), core.mail, core.net, core.identity, core.learning, core.store, core.detection,
core.quarantine, core.notify; never workers, api, cli, flask or dramatiq.
"""
