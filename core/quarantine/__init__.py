"""Acting on held mail: release and remove (with their policy and limits), what a caller may see, holds whose answer
never reached Exim.

May import: core's top-level modules (errors, models, names, durations, keys, settings, settings_sections,
verdict_policy, durable_files), core.mail, core.net, core.identity, core.learning, core.store, core.detection; never
workers, api, cli, flask or dramatiq.
"""
