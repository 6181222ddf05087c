import sys

from .score import main

sys.exit(main(sys.argv[1:]))
