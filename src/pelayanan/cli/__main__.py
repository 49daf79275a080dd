"""``python -m pelayanan.cli``."""

from pelayanan.cli import main

raise SystemExit(main())
