import sys

if getattr(sys, "frozen", False):
    # A bundle import checks bundles ahead in a child process (core/exchange/checking.py); in the
    # frozen program that child is this executable, started with multiprocessing's arguments.
    import multiprocessing

    multiprocessing.freeze_support()

from kzdesk.cli import main

sys.exit(main())
