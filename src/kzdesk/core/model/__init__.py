"""Floor 2: the monitoring data model over the keyed vault.

Vault (records on top of KeyedVault), records and their field rules, revisions with the hybrid
clock (the one writer of revisions), values in their stored forms, vocabularies, names and search.
"""
