"""``python -m cleannews`` runs the command-line interface."""

from cleannews.cli import main

if __name__ == "__main__":
    main()
