"""Names of a public face imported on first use (PEP 562), shared by the three faces."""

import importlib
import warnings
from collections.abc import Callable, Mapping, MutableMapping, Sequence


def lazy_names(
    face: str,
    namespace: MutableMapping[str, object],
    homes: Mapping[str, str],
    public: Sequence[str],
    *,
    needs: tuple[str, str] | None = None,
    deprecated: Mapping[str, tuple[str, str]] | None = None,
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of the face ``face``.

    ``homes`` maps a name to the module that provides it (a name whose home is
    ``face.name`` is that module itself); the first lookup stores the value in ``namespace``
    (the face's globals). ``__dir__`` lists ``public`` (the face's ``__all__``).
    ``needs`` is (a distribution's top-level package, the advice to install it): an import
    that fails for lack of it raises ImportError with that advice, the original as cause.
    ``deprecated`` maps a name the face no longer exports to (the module that provides it,
    where to find it now): looking it up still works for one release, with a
    DeprecationWarning that says where it went (it is not stored, so it warns every time).
    """

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        old = home is None and deprecated is not None and name in deprecated
        if old:
            home, advice = deprecated[name]  # type: ignore[index]
            message = f"{face}.{name} is deprecated and will be removed in 0.3: {advice}"
            warnings.warn(message, DeprecationWarning, stacklevel=2)
        if home is None:
            raise AttributeError(f"module {face!r} has no attribute {name!r}")
        try:
            module = importlib.import_module(home)
        except ImportError as error:
            if needs is not None and (error.name or "").partition(".")[0] == needs[0]:
                raise ImportError(needs[1]) from error
            raise
        value = module if home == f"{face}.{name}" else getattr(module, name)
        if not old:  # an old name is not kept: every lookup warns
            namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(public)

    return __getattr__, __dir__
