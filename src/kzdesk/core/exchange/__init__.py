"""Floor 3: exchange between vaults, over model and vault.

bundle (the file format), exporting, importing (verify, then admission: authors proven and
merge, or quarantine), chain (each signer's numbered hash chain), conflicts, duplicates and links
(the same human under two records), trust (cards and keys), receipts and purge, own (this vault's
age key and card).
"""
