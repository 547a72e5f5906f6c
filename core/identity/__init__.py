"""Who is who: API callers and their roles, cPanel's account files (real and in-memory twin), resellers, attribution of
a message to an account, PHP script headers, sender objects (account, domain, address, script).

May import: core's top-level modules (errors, models, names, durations, keys, settings, settings_sections,
verdict_policy, durable_files), core.mail, core.net; never workers, api, cli, flask or dramatiq.
"""
