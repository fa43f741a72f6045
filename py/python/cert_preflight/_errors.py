"""The one exception cert-preflight raises for values it cannot use."""

from __future__ import annotations

from typing import Optional

__all__ = ["CertPreflightError"]


class CertPreflightError(ValueError):
    """A value of the right type that cert-preflight cannot use.

    ``code`` is the npm package's: ``"UNKNOWN_OPERATION"`` (``operation`` is set) or
    ``"INVALID_OPTION_VALUE"`` (``option`` names the option, e.g. ``"now"`` for
    ``now="yesterday"``, ``"profile"`` for ``profile="aws"``). A wrong type is a ``TypeError``;
    a bad certificate or request is never raised, it gives a report with errors.
    """

    code: str
    option: Optional[str]
    operation: Optional[str]

    def __init__(
        self,
        code: str,
        message: str,
        *,
        option: Optional[str] = None,
        operation: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.option = option
        self.operation = operation

    def __repr__(self) -> str:
        return f"CertPreflightError({self.code!r}, {str(self)!r})"
