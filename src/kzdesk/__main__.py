import sys

from kzdesk.cli import main

sys.exit(main())
