"""``python -m greentrade_cli``: the ``gt`` command line."""

from greentrade_cli.cli import main

if __name__ == "__main__":
    main()
