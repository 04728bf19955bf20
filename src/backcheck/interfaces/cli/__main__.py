"""``python -m backcheck.interfaces.cli``."""

from backcheck.interfaces.cli.app import main

main()
