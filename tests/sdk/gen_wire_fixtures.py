"""Writes testdata/requests/wire/: the query-style requests the official SDKs send, captured
with the recorders in capture.py, for tests/request_wire.rs (the crate's conversion tested
with the SDKs' own bytes, no Python needed there).

Run with the test venv (scripts/test-sdk-capture.sh installs it):
    target/test-venv/bin/python tests/sdk/gen_wire_fixtures.py
The outputs are committed; the SDK versions are those of scripts/sdk-capture.requirements.txt.
"""

from pathlib import Path

from capture import alibaba_request, boto3_request

REPO = Path(__file__).resolve().parents[2]
CERTS = REPO / "testdata" / "requests" / "certs"
OUT = REPO / "testdata" / "requests" / "wire"

leaf, inter, root, key = ((CERTS / n).read_text() for n in ("leaf.pem", "inter-ca.pem", "root-ca.pem", "leaf.key"))


def iam(client):
    client.upload_server_certificate(
        ServerCertificateName="shop-2026",
        Path="/shop/",
        CertificateBody=leaf,
        PrivateKey=key,
        CertificateChain=inter,
        Tags=[{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": ""}],
    )


def alb(client):
    from alibabacloud_alb20200616 import models as m

    forward = m.CreateListenerRequestDefaultActionsForwardGroupConfig(
        server_group_tuples=[m.CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples(server_group_id="sgp-8ilqs4axp6******")]
    )
    client.create_listener(
        m.CreateListenerRequest(
            load_balancer_id="alb-n5qw04uq8vavfe****",
            listener_protocol="HTTPS",
            listener_port=443,
            listener_description="shop https",
            certificates=[m.CreateListenerRequestCertificates(certificate_id="1234567-cn-hangzhou")],
            default_actions=[m.CreateListenerRequestDefaultActions(type="ForwardGroup", forward_group_config=forward)],
            tag=[m.CreateListenerRequestTag(key="env", value="prod"), m.CreateListenerRequestTag(key="aliyun:team", value="web")],
            xforwarded_for_config=m.CreateListenerRequestXForwardedForConfig(xforwarded_for_client_src_port_enabled=True),
            dry_run=True,
        )
    )


def slb(client):
    from alibabacloud_slb20140515 import models as m

    client.upload_cacertificate(
        m.UploadCACertificateRequest(region_id="cn-hangzhou", cacertificate=root, cacertificate_name="shop-clients")
    )


def main() -> None:
    from alibabacloud_alb20200616.client import Client as Alb
    from alibabacloud_slb20140515.client import Client as Slb

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "iam-upload-server-certificate.form").write_bytes(boto3_request("iam", iam).body)
    # The Alibaba SDKs' URL without the host part's variations: path and query as sent.
    (OUT / "alb-create-listener.url").write_text(alibaba_request(Alb, "alb.cn-hangzhou.aliyuncs.com", alb).url + "\n")
    (OUT / "slb-upload-ca-certificate.url").write_text(alibaba_request(Slb, "slb.aliyuncs.com", slb).url + "\n")


if __name__ == "__main__":
    main()
