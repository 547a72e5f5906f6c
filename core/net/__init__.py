"""Mailward's own outbound connections and peers: HTTP over unix sockets, webhook delivery (SSRF guard, signing), peer
credentials (SO_PEERCRED).

May import: core's top-level modules (errors, models, names, durations, keys, settings, settings_sections,
verdict_policy, durable_files); never workers, api, cli, flask or dramatiq.
"""
