"""Models learned from mail, without I/O: the tokenizer, the spam model, fingerprints, a sender's history. The stores
persist them; the checks use them.

May import: core's top-level modules (errors, models, names, durations, keys, settings, settings_sections,
verdict_policy, durable_files), core.mail, core.identity; never workers, api, cli, flask or dramatiq.
"""
