"""Every Redis and filesystem store, one module each (named without the old store_ prefix): quarantine, spool, limits,
events, audit, tokens, whitelist, classifier weights, campaigns, ...; and the Activity Monitor's view of the limit
store. Only stores touch Redis or the state directory.

May import: core's top-level modules (errors, models, names, durations, keys, settings, settings_sections,
verdict_policy, durable_files), core.mail, core.net, core.identity, core.learning; never workers, api, cli, flask or
dramatiq.
"""
