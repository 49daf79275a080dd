"""``python -m pelayanan``: the same as the ``pelayanan`` command."""

from pelayanan.cli import main

raise SystemExit(main())
