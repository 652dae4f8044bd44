"""`python3 -m ganimation.estimator`: the command in cli.py."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
