"""What decides about a message: the checks (one per module), the optional engines (rspamd, SpamAssassin, ClamAV), the
rules' data tables, brands, and learning from an admin's verdicts.

May import: core's top-level modules (errors, models, names, durations, keys, settings, settings_sections,
verdict_policy, durable_files), core.mail, core.net, core.identity, core.learning, core.store; never workers, api,
cli, flask or dramatiq.
"""
