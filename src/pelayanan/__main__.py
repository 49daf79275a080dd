"""``python -m pelayanan``: the same as the ``pelayanan`` command."""

from pelayanan._cli import main

raise SystemExit(main())
