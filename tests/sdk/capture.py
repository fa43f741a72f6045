"""Recorders for the official Python SDKs: each function drives one client with the network
replaced (a mock transport, an event hook or the client's own request function) and returns
the request it would have sent, as `Sent(path, body, wire)`.

No request leaves the machine: every recorder stops the call right where the bytes would be
written to a socket, by raising `Stop` (or answering from memory). Credentials are dummies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit


@dataclass
class Sent:
    """What a client would have sent."""

    method: str
    url: str
    body: bytes
    # Headers that name the action (Alibaba's V3 signature sends `x-acs-action`).
    action: str | None = None
    # `json` for a JSON body; `query` for the form-encoded or URL-query parameters
    # (`cert-preflight request --wire query`).
    wire: str = "json"

    @property
    def path(self) -> str:
        return urlsplit(self.url).path


class Stop(Exception):
    """Raised by a recorder once the request is captured."""


def _as_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body).encode()


# ---- AWS: boto3, the `before-send` event -----------------------------------------------------


def boto3_request(service: str, call: Callable[[Any], Any]) -> Sent:
    """`call(client)` on a boto3 client whose `before-send` hook records the prepared request
    (the exact bytes botocore would write: JSON for ACM, the awsQuery form for IAM)."""
    import boto3

    client = boto3.client(
        service,
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    )
    seen: list[Sent] = []

    def record(request, **_):
        seen.append(Sent(request.method, request.url, _as_bytes(request.body)))
        raise Stop

    client.meta.events.register("before-send", record)
    try:
        call(client)
    except Stop:
        pass
    (sent,) = seen
    if service == "iam":
        sent.wire = "query"
    return sent


# ---- Google Cloud: googleapiclient with HttpMock ----------------------------------------------


def gcp_request(call: Callable[[Any], Any]) -> Sent:
    """`call(compute)` returns a request of the Compute v1 client built from the discovery
    document shipped with google-api-python-client; it is executed against `HttpMock`, which
    records the URI, method and body."""
    from googleapiclient.discovery import build
    from googleapiclient.http import HttpMock

    compute = build("compute", "v1", http=HttpMock(None, {"status": "200"}), static_discovery=True)
    http = HttpMock(None, {"status": "200"})
    request = call(compute)
    try:
        request.execute(http=http)
    except Exception:  # noqa: BLE001 - the empty mock answer is not an Operation; the request is recorded
        pass
    return Sent(http.method, http.uri, _as_bytes(http.body))


# ---- Azure Key Vault: an azure.core transport ------------------------------------------------


def azure_keyvault_request(call: Callable[[Any], Any]) -> Sent:
    """`call(client)` on a CertificateClient whose transport answers Key Vault's
    authentication challenge (the first, bodyless request) with 401 and records the next."""
    from azure.core.credentials import AccessToken
    from azure.core.pipeline.transport import HttpResponse, HttpTransport
    from azure.keyvault.certificates import CertificateClient

    class Credential:
        def get_token(self, *scopes, **kwargs):
            return AccessToken("token", 4102444800)

        def get_token_info(self, *scopes, options=None):
            from azure.core.credentials import AccessTokenInfo

            return AccessTokenInfo("token", 4102444800)

    seen: list[Sent] = []

    class Challenge(HttpResponse):
        def __init__(self, request):
            super().__init__(request, None)
            self.status_code = 401
            self.headers = {
                "WWW-Authenticate": 'Bearer authorization="https://login.microsoftonline.com/tenant", resource="https://vault.azure.net"'
            }
            self.reason = "Unauthorized"
            self.content_type = "application/json"

        def body(self):
            return b""

    class Recorder(HttpTransport):
        def __enter__(self):
            return self

        def __exit__(self, *args):
            pass

        def open(self):
            pass

        def close(self):
            pass

        def send(self, request, **kwargs):
            if not request.body:
                return Challenge(request)
            seen.append(Sent(request.method, request.url, _as_bytes(request.body)))
            raise Stop

    client = CertificateClient(
        "https://vault-name.vault.azure.net", Credential(), transport=Recorder(), verify_challenge_resource=False
    )
    try:
        call(client)
    except Stop:
        pass
    (sent,) = seen
    return sent


# ---- Cloudflare: httpx.MockTransport ---------------------------------------------------------


def cloudflare_request(call: Callable[[Any], Any]) -> Sent:
    """`call(client)` on a Cloudflare client over `httpx.MockTransport`."""
    import httpx
    from cloudflare import Cloudflare

    seen: list[Sent] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(Sent(request.method, str(request.url), request.read()))
        return httpx.Response(200, json={"success": True, "errors": [], "messages": [], "result": {"id": "x"}})

    client = Cloudflare(
        api_token="token", http_client=httpx.Client(transport=httpx.MockTransport(handler)), max_retries=0
    )
    call(client)
    (sent,) = seen
    return sent


# ---- Kubernetes: the client's urllib3 pool manager -------------------------------------------


def kubernetes_request(call: Callable[[Any], Any]) -> Sent:
    """`call(core_v1)` on a CoreV1Api whose REST client's pool manager records the request."""
    from kubernetes import client

    seen: list[Sent] = []

    class PoolManager:
        def request(self, method, url, body=None, fields=None, headers=None, **kwargs):
            seen.append(Sent(method, url, _as_bytes(body)))
            raise Stop

    configuration = client.Configuration()
    configuration.host = "https://kubernetes.example:6443"
    api = client.ApiClient(configuration)
    api.rest_client.pool_manager = PoolManager()
    try:
        call(client.CoreV1Api(api))
    except Stop:
        pass
    (sent,) = seen
    return sent


# ---- Alibaba Cloud: the Tea/Darabonba core's request function --------------------------------


def alibaba_request(client_class: Any, endpoint: str, call: Callable[[Any], Any]) -> Sent:
    """`call(client)` on an Alibaba Cloud Tea client whose `DaraCore.do_action` (the one
    function that writes the HTTP request) records it. RPC parameters travel in the URL
    query (`Tag.1.Key=...`), so the result's wire form is `query`."""
    import alibabacloud_tea_openapi.client as openapi
    from alibabacloud_tea_openapi import utils_models
    from darabonba.core import DaraCore

    seen: list[Sent] = []

    def do_action(request, runtime=None):
        url = DaraCore.compose_url(request)
        action = request.headers.get("x-acs-action")
        seen.append(Sent(request.method, url, _as_bytes(request.body), action=action, wire="query"))
        raise Stop

    config = utils_models.Config(
        access_key_id="LTAIexample", access_key_secret="secret", region_id="cn-hangzhou", endpoint=endpoint
    )
    client = client_class(config)
    saved = openapi.DaraCore.do_action
    openapi.DaraCore.do_action = do_action
    try:
        call(client)
    except Exception:  # noqa: BLE001 - the core wraps Stop in UnretryableException after recording
        pass
    finally:
        openapi.DaraCore.do_action = saved
    (sent,) = seen
    return sent


# ---- Huawei Cloud: the core client's request function ----------------------------------------


def huawei_request(client_module: Any, client_class_name: str, endpoint: str, call: Callable[[Any], Any]) -> Sent:
    """`call(client)` on a Huawei Cloud client whose core `_do_http_request_sync` (the one
    function that hands the signed request to `requests`) records it."""
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.client import Client

    seen: list[Sent] = []

    def do_request(self, request):
        seen.append(Sent(request.method, request.uri, _as_bytes(request.body)))
        raise Stop

    credentials = BasicCredentials("AKEXAMPLE", "SKEXAMPLE", "99a3fff0d03c428eac3678da6a7d0f24")
    builder = getattr(client_module, client_class_name).new_builder()
    client = builder.with_credentials(credentials).with_endpoints([endpoint]).build()
    saved = Client._do_http_request_sync
    Client._do_http_request_sync = do_request
    try:
        call(client)
    except Stop:
        pass
    finally:
        Client._do_http_request_sync = saved
    (sent,) = seen
    return sent
