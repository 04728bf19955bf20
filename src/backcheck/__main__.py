"""``python -m backcheck``."""

from backcheck.interfaces.cli.app import main

main()
