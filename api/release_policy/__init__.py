"""/accounts/{name}/release-policy: one account's own release policy over the server's."""
