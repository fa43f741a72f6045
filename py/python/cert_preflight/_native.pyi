# Type stub of the Rust extension module (py/src/lib.rs). Every function returns the report's
# JSON text; cert_preflight._api turns it into report objects.
from typing import List, Optional, Tuple, Union

Material = Union[str, bytes, bytearray]

class InputFailure(ValueError):
    """args: (code, subject, message)."""

CONTEXT_KEYS: List[str]
MAX_REQUEST_BYTES: int
VERSION: str

def check_certificate(
    certificate: Material,
    *,
    now: Union[int, str],
    key: Optional[Material] = ...,
    domains: Optional[str] = ...,
    purpose: Optional[str] = ...,
    key_required: bool = ...,
    expiry_days: int = ...,
    profile: Optional[str] = ...,
    roots: Optional[Material] = ...,
    public_roots: bool = ...,
    password: Optional[str] = ...,
    key_password: Optional[str] = ...,
    intermediates: Optional[List[Tuple[str, Material]]] = ...,
    audience: Optional[str] = ...,
) -> str: ...
def validate_request(
    operation: str,
    body: Material,
    *,
    now: Union[int, str],
    path: Optional[str] = ...,
    context: Optional[str] = ...,
    expiry_days: int = ...,
    key_password: Optional[str] = ...,
) -> str: ...
def fingerprint(
    certificate: Material, *, algorithm: Optional[str] = ..., style: Optional[str] = ...
) -> str: ...
def rules(operation: Optional[str] = ...) -> str: ...
def operations() -> str: ...
def profiles() -> List[str]: ...
def purposes() -> List[str]: ...
def explain(
    operation: str,
    error: str,
    *,
    now: Union[int, str],
    request: Optional[str] = ...,
    path: Optional[str] = ...,
    context: Optional[str] = ...,
    expiry_days: int = ...,
) -> str: ...
def schema(operation: str) -> str: ...
def form_fields(operation: str) -> str: ...
