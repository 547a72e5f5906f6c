"""A message and its parts: MIME parsing (bounded), the visible text of HTML, archives, links, the HTML viewer, and
handing mail back to Exim (re-injection of released mail, submission of Mailward's own).

May import: core's top-level modules (errors, models, names, durations, keys, settings, settings_sections,
verdict_policy, durable_files); never workers, api, cli, flask or dramatiq.
"""
