"""Floor 1, the ground: the encrypted vault — key slots, the SQLCipher engine, migrations, the
folder's layout and settings, backups, repair, recovery shares, erase and the signing identity."""
