"""Exchange between vaults: signing identities (bundles, trust and merge come with them)."""
