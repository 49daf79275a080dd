"""``python -m pelayanan._cli``."""

from pelayanan._cli import main

raise SystemExit(main())
