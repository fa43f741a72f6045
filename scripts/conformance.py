"""The conformance test (issue 19, item 2): every operation's exported JSON Schema held against the
provider's own machine-readable API model, from pinned PyPI packages
(scripts/conformance.requirements.txt):

  botocore                      ACM ImportCertificate, IAM UploadServerCertificate (service-2.json)
  google-api-python-client      compute v1 discovery document: sslCertificates.insert, SslCertificate
  azure-keyvault-certificates   generated models: CertificateImportParameters and what it holds
  cloudflare                    CustomCertificateCreateParams (TypedDict, Literal enums)
  kubernetes                    V1Secret, V1ObjectMeta (openapi_types, attribute_map)
  alibabacloud_alb20200616      CreateListenerRequest, AssociateAdditionalCertificatesWithListenerRequest
  alibabacloud_slb20140515      UploadCACertificateRequest
  huaweicloudsdkelb             v3 UpdateCertificateRequest
  huaweicloudsdkapig            v2 BatchAssociateDomainsV2Request (domains/attach)

Each extractor writes a normalized model per operation (target/conformance/<operation>.json):
a map from a wire path (`/Tags/*/Key`; `*` is every list item or map value; `/path/<name>` a
path parameter) to {type, required, enum, minLength, maxLength, minItems, maxItems, minimum,
maximum, pattern, readOnly}, with only what the model states. The exported schema is
flattened the same way and every difference is printed. Each one must be listed in
scripts/conformance-exceptions.txt with its reason; a difference not listed fails, and so
does an exception that matches no difference any more (stale).

Usage: python conformance.py SCHEMAS.json OUT_DIR
"""

import gzip
import inspect
import json
import os
import re
import sys
import typing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXCEPTIONS = ROOT / "scripts" / "conformance-exceptions.txt"
ASPECTS = ("member", "type", "required", "enum", "minLength", "maxLength", "minItems",
           "maxItems", "minimum", "maximum", "pattern", "readOnly")


# ---- the normalized model -----------------------------------------------------------------

class Model:
    """Wire paths of one operation, each with what the provider's model states about it."""

    def __init__(self, source):
        self.source = source
        self.params = {}

    def add(self, path, **facts):
        entry = self.params.setdefault(path, {})
        entry.update({k: v for k, v in facts.items() if v is not None})

    def to_json(self):
        return {"source": self.source, "params": dict(sorted(self.params.items()))}


def version(dist):
    from importlib.metadata import version as v
    return f"{dist} {v(dist)}"


# ---- botocore (AWS) -------------------------------------------------------------------------

def botocore_model(service, api, operation):
    import botocore
    data = Path(botocore.__file__).parent / "data" / service / api / "service-2.json.gz"
    spec = json.loads(gzip.open(data).read())
    shapes = spec["shapes"]
    model = Model(f"{version('botocore')} {service}/{api} {operation}")

    def walk(shape_name, path, required):
        shape = shapes[shape_name]
        kind = shape["type"]
        facts = {"required": required}
        if kind in ("string", "blob"):
            facts.update(type="string", minLength=shape.get("min"), maxLength=shape.get("max"),
                         pattern=shape.get("pattern"), enum=shape.get("enum"))
        elif kind in ("integer", "long"):
            facts.update(type="integer", minimum=shape.get("min"), maximum=shape.get("max"))
        elif kind == "boolean":
            facts.update(type="boolean")
        elif kind == "timestamp":
            facts.update(type="string")
        elif kind == "list":
            facts.update(type="array", minItems=shape.get("min"), maxItems=shape.get("max"))
        elif kind in ("structure", "map"):
            facts.update(type="object")
        if path:
            model.add(path, **facts)
        if kind == "structure":
            needed = set(shape.get("required", []))
            for name, member in shape["members"].items():
                walk(member["shape"], f"{path}/{name}", name in needed)
        elif kind == "list":
            walk(shape["member"]["shape"], f"{path}/*", None)
        elif kind == "map":
            walk(shape["value"]["shape"], f"{path}/*", None)

    walk(spec["operations"][operation]["input"]["shape"], "", None)
    return model


# ---- Google discovery ---------------------------------------------------------------------

def gcp_model():
    import googleapiclient
    doc = json.load(open(Path(googleapiclient.__file__).parent / "discovery_cache" / "documents" / "compute.v1.json"))
    method = doc["resources"]["sslCertificates"]["methods"]["insert"]
    model = Model(f"{version('google-api-python-client')} compute.v1 {method['id']} (revision {doc.get('revision')})")
    for name, parameter in method["parameters"].items():
        model.add(f"/path/{name}", type=parameter["type"], required=parameter.get("required", False),
                  pattern=parameter.get("pattern"), enum=parameter.get("enum"))

    def walk(schema, path):
        if "$ref" in schema:
            target = doc["schemas"][schema["$ref"]]
            model.add(path, type="object", readOnly=read_only(schema))
            for name, prop in target.get("properties", {}).items():
                walk(prop, f"{path}/{name}")
            return
        kind = schema.get("type")
        # An int64/uint64 is a string on the wire (discovery's `format`), as in a request body.
        model.add(path, type=kind, enum=schema.get("enum"), pattern=schema.get("pattern"),
                  readOnly=read_only(schema))
        if kind == "array":
            walk(schema["items"], f"{path}/*")
        elif kind == "object":
            for name, prop in schema.get("properties", {}).items():
                walk(prop, f"{path}/{name}")
            if "additionalProperties" in schema:
                walk(schema["additionalProperties"], f"{path}/*")

    def read_only(schema):
        text = schema.get("description", "")
        return True if schema.get("readOnly") or "[Output Only]" in text else None

    for name, prop in doc["schemas"][method["request"]["$ref"]]["properties"].items():
        walk(prop, f"/{name}")
    return model


# ---- Azure (typespec-generated models) ------------------------------------------------------

def azure_model():
    from azure.keyvault.certificates._generated import models
    from azure.keyvault.certificates._generated._utils.model_base import Model as AzureModel, _RestField
    model = Model(f"{version('azure-keyvault-certificates')} _generated.models.CertificateImportParameters")
    model.add("/path/certificate-name", type="string", required=True, pattern="^[0-9a-zA-Z-]+$")
    model.add("/path/api-version", type="string", required=True)

    def walk_class(cls, path, depth=0):
        hints = typing.get_type_hints(cls, localns={"_models": models})
        for attr, field in vars(cls).items():
            if not isinstance(field, _RestField):
                continue
            name = field._rest_name_input or attr
            child = f"{path}/{name}"
            hint = hints.get(attr)
            optional, inner = unwrap_optional(hint)
            readonly = field._visibility == ["read"]
            walk_type(inner, child, required=(not optional and not readonly) or None,
                      readOnly=True if readonly else None, depth=depth)

    def walk_type(hint, path, depth, **facts):
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin in (list, typing.List):
            model.add(path, type="array", **facts)
            walk_type(args[0], f"{path}/*", depth)
        elif origin in (dict, typing.Dict):
            model.add(path, type="object", **facts)
            walk_type(args[1], f"{path}/*", depth)
        elif origin is typing.Union:
            enums = [a for a in args if isinstance(a, type) and hasattr(a, "__members__")]
            values = sorted(m.value for e in enums for m in e) or None
            model.add(path, type="string", enum=values, **facts)
        elif isinstance(hint, type) and hasattr(hint, "__members__"):
            model.add(path, type="string", enum=sorted(m.value for m in hint), **facts)
        elif isinstance(hint, type) and issubclass(hint, AzureModel) and depth < 8:
            model.add(path, type="object", **facts)
            walk_class(hint, path, depth + 1)
        else:
            model.add(path, type=python_type(hint), **facts)

    walk_class(models.CertificateImportParameters, "")
    return model


def unwrap_optional(hint):
    if typing.get_origin(hint) is typing.Union and type(None) in typing.get_args(hint):
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        return True, rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]
    return False, hint


def python_type(hint):
    import datetime
    while typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    return {str: "string", int: "integer", bool: "boolean", float: "number", bytes: "string",
            datetime.datetime: "integer"}.get(hint, getattr(hint, "__name__", str(hint)))


# ---- Cloudflare (Stainless TypedDicts) ----------------------------------------------------

def cloudflare_model():
    from cloudflare.types.custom_certificates import custom_certificate_create_params as params
    model = Model(f"{version('cloudflare')} CustomCertificateCreateParams")

    def walk(cls, path):
        hints = typing.get_type_hints(cls, include_extras=True)
        for name, hint in hints.items():
            required = typing.get_origin(hint) is typing_extensions_required()
            if required:
                hint = typing.get_args(hint)[0]
            child = f"/path/{name}" if name == "zone_id" else f"{path}/{name}"
            describe(hint, child, required)

    def describe(hint, path, required):
        origin = typing.get_origin(hint)
        if origin is typing.Literal:
            model.add(path, type="string", enum=sorted(typing.get_args(hint)), required=required)
        elif isinstance(hint, type) and typing_extensions_is_typeddict(hint):
            model.add(path, type="object", required=required)
            walk(hint, path)
        elif origin in (list, typing.List):
            model.add(path, type="array", required=required)
            describe(typing.get_args(hint)[0], f"{path}/*", None)
        else:
            model.add(path, type=python_type(hint), required=required)

    walk(params.CustomCertificateCreateParams, "")
    return model


def typing_extensions_is_typeddict(hint):
    import typing_extensions
    return typing_extensions.is_typeddict(hint)


def typing_extensions_required():
    import typing_extensions
    return typing_extensions.Required


# ---- swagger-generated models: Kubernetes, Huawei -----------------------------------------

SWAGGER_SCALARS = {"str": "string", "int": "integer", "bool": "boolean", "datetime": "string",
                   "bytes": "string", "float": "number", "object": "object"}


def swagger_walk(model, module, cls, path, facts_of, depth=0):
    for attr, kind in cls.openapi_types.items():
        name = cls.attribute_map[attr]
        child = f"{path}/{name}"
        swagger_type(model, module, kind, child, facts_of(cls, attr), facts_of, depth)


def swagger_type(model, module, kind, path, facts, facts_of, depth):
    list_match = re.fullmatch(r"(?:List\[|list\[)(.+)\]", kind)
    dict_match = re.fullmatch(r"(?:Dict\[|dict\()str, ?(.+)[\])]", kind)
    if list_match:
        model.add(path, type="array", **facts)
        swagger_type(model, module, list_match.group(1), f"{path}/*", {}, facts_of, depth)
    elif dict_match:
        model.add(path, type="object", **facts)
        swagger_type(model, module, dict_match.group(1), f"{path}/*", {}, facts_of, depth)
    elif kind in SWAGGER_SCALARS:
        model.add(path, type=SWAGGER_SCALARS[kind], **facts)
    elif depth < 6:
        model.add(path, type="object", **facts)
        swagger_walk(model, module, getattr(module, kind), path, facts_of, depth + 1)


def kubernetes_model():
    import kubernetes.client as k8s
    model = Model(f"{version('kubernetes')} V1Secret, V1ObjectMeta")

    def facts_of(cls, attr):
        field = cls.model_fields.get(attr)
        text = (field.description or "") if field else ""
        read_only = "Read-only" in text or "read-only" in text
        return {"readOnly": True if read_only else None}

    swagger_walk(model, k8s, k8s.V1Secret, "", facts_of)
    return model


# Huawei's docstrings state lengths in prose: "0-255个字符", "最大长度20000个字符"; values as a
# list under 取值范围 ("value range"): "- nonProtection: 不保护  - consoleProtection: ...".
HUAWEI_RANGE = re.compile(r"(\d+)-(\d+)个字符")
HUAWEI_MAX = re.compile(r"最大长度(\d+)")
HUAWEI_VALUES = re.compile(r"\*\*取值范围\*\*：(.*?)(?:\*\*默认取值|$)")
HUAWEI_VALUE = re.compile(r"- ([A-Za-z_][A-Za-z0-9_]*)\s*[:：]")


def huawei_facts(cls, attr):
    doc = inspect.getsource(cls.__init__)
    match = re.search(rf":param {attr}: (.*)", doc)
    text = match.group(1) if match else ""
    facts = {}
    if m := HUAWEI_RANGE.search(text):
        facts.update(minLength=int(m.group(1)), maxLength=int(m.group(2)))
    elif m := HUAWEI_MAX.search(text):
        facts.update(maxLength=int(m.group(1)))
    if m := HUAWEI_VALUES.search(text):
        values = HUAWEI_VALUE.findall(m.group(1))
        if len(values) >= 2:
            facts.update(enum=sorted(values))
    return facts


def huawei_model(package, module_name, request, body_path=""):
    import importlib
    module = importlib.import_module(f"{package}.{module_name}")
    cls = getattr(module, request)
    model = Model(f"{version(package)} {module_name}.{request}")
    for attr, kind in cls.openapi_types.items():
        if attr == "body":
            swagger_type(model, module, kind, body_path, {}, huawei_facts, 0)
        else:
            model.add(f"/path/{cls.attribute_map[attr]}", type=SWAGGER_SCALARS.get(kind, kind))
    model.params.pop("", None)
    return model


# ---- Alibaba Cloud (Darabonba models) ------------------------------------------------------

ALIBABA_LENGTH = re.compile(r"(\d+) to (\d+) characters in length")
ALIBABA_RANGE = re.compile(r"Valid values:\s*\*\*(\d+) to (\d+)\*\*")


def alibaba_model(package, request):
    import importlib
    models = importlib.import_module(f"{package}.models")
    model = Model(f"{version(package)} {request}")

    def walk(cls, path, depth=0):
        init = inspect.getsource(cls.__init__)
        to_map = inspect.getsource(cls.to_map)
        wire = {}
        for name, attr in re.findall(r"result\['(\w+)'\] = self\.(\w+)", to_map):
            wire[attr] = name
        for name, attr in re.findall(r"result\['(\w+)'\] = (?:\[\]|\{\})\s*\n\s*if self\.(\w+) is not None", to_map):
            wire[attr] = name
        comments = {}
        pending = []
        for line in init.splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                pending.append(stripped.lstrip("# "))
            elif m := re.match(r"self\.(\w+) = \1$", stripped):
                comments[m.group(1)] = "\n".join(pending)
                pending = []
        hints = inspect.signature(cls.__init__).parameters
        for attr, parameter in hints.items():
            if attr == "self":
                continue
            name = wire.get(attr)
            if name is None:
                continue
            text = comments.get(attr, "")
            facts = {"required": "This parameter is required." in text}
            if m := ALIBABA_LENGTH.search(text):
                facts.update(minLength=int(m.group(1)), maxLength=int(m.group(2)))
            if m := ALIBABA_RANGE.search(text):
                facts.update(minimum=int(m.group(1)), maximum=int(m.group(2)))
            annotation = str(parameter.annotation)
            describe(annotation, f"{path}/{name}", facts, depth)

    def describe(annotation, path, facts, depth):
        annotation = annotation.replace("main_models.", "")
        if m := re.fullmatch(r"List\[(.+)\]", annotation):
            model.add(path, type="array", **facts)
            describe(m.group(1), f"{path}/*", {}, depth)
        elif m := re.fullmatch(r"Dict\[str, ?(.+)\]", annotation):
            model.add(path, type="object", **facts)
        elif annotation in SWAGGER_SCALARS:
            model.add(path, type=SWAGGER_SCALARS[annotation], **facts)
        elif hasattr(models, annotation) and depth < 6:
            model.add(path, type="object", **facts)
            walk(getattr(models, annotation), path, depth + 1)
        else:
            model.add(path, type=annotation, **facts)

    walk(getattr(models, request), "")
    return model


# ---- our side ----------------------------------------------------------------------------

def flatten_schema(schema):
    """The exported schema as the same map of wire paths."""
    params = {}
    conditional = conditional_paths(schema.get("allOf", []))

    def walk(node, path, required):
        types = node.get("type")
        kind = types if isinstance(types, str) else next((t for t in types or [] if t != "null"), None)
        entry = {"type": kind}
        if required is not None:
            entry["required"] = required
        for key in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum", "pattern", "readOnly"):
            if key in node:
                entry[key] = node[key]
        if "enum" in node:
            entry["enum"] = sorted(v for v in node["enum"] if v is not None)
        if path:
            params[path] = entry
        needed = set(node.get("required", []))
        for name, prop in node.get("properties", {}).items():
            child = f"{path}/{name}"
            walk(prop, child, "always" if name in needed else ("when" if child in conditional else "never"))
        if "items" in node:
            walk(node["items"], f"{path}/*", None)
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], f"{path}/*", None)

    walk(schema, "", None)
    path_schema = schema["$defs"]["path"]
    for name, prop in path_schema.get("properties", {}).items():
        walk(prop, f"/path/{name}", "always" if name in path_schema.get("required", []) else "never")
    return params


def conditional_paths(all_of):
    """Paths that some `if`/`then` makes required."""
    found = set()

    def walk(node, path):
        for name in node.get("required", []):
            found.add(f"{path}/{name}")
        for name, prop in node.get("properties", {}).items():
            walk(prop, f"{path}/{name}")
        if "items" in node:
            walk(node["items"], f"{path}/*")

    for rule in all_of:
        walk(rule.get("then", {}), "")
    return found


# ---- comparison --------------------------------------------------------------------------

def compare(theirs, ours):
    """(path, aspect, what the model says, what we say) for every difference."""
    out = []
    for path, facts in sorted(theirs.items()):
        mine = ours.get(path)
        if mine is None:
            out.append((path, "member", "defined", "unknown"))
            continue
        if facts.get("type") and mine.get("type") and facts["type"] != mine["type"]:
            out.append((path, "type", facts["type"], mine["type"]))
        required = facts.get("required")
        if required is True and mine.get("required") == "never":
            out.append((path, "required", "required", "optional"))
        if required is False and mine.get("required") == "always":
            out.append((path, "required", "optional", "required"))
        if facts.get("enum") and sorted(facts["enum"]) != mine.get("enum"):
            out.append((path, "enum", ",".join(sorted(facts["enum"])), ",".join(mine.get("enum") or []) or "none"))
        for key in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"):
            if key in facts and facts[key] != mine.get(key):
                out.append((path, key, str(facts[key]), str(mine.get(key, "none"))))
        if facts.get("pattern") and "pattern" not in mine:
            out.append((path, "pattern", facts["pattern"], "none"))
        if facts.get("readOnly") and not mine.get("readOnly"):
            out.append((path, "readOnly", "read-only", "writable"))
    for path in sorted(set(ours) - set(theirs)):
        out.append((path, "member", "not in the model", "declared"))
    return out


def load_exceptions():
    """`operation | path | aspect | reason` lines; `#` starts a comment."""
    entries = {}
    for number, line in enumerate(EXCEPTIONS.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 4 or not parts[3]:
            sys.exit(f"{EXCEPTIONS.name}:{number}: want `operation | path | aspect | reason`")
        key = tuple(parts[:3])
        if key in entries:
            sys.exit(f"{EXCEPTIONS.name}:{number}: {key} is listed twice")
        if parts[2] not in ASPECTS:
            sys.exit(f"{EXCEPTIONS.name}:{number}: unknown aspect {parts[2]!r}")
        entries[key] = parts[3]
    return entries


EXTRACTORS = {
    "alibaba.alb.associate-additional-certificates":
        lambda: alibaba_model("alibabacloud_alb20200616", "AssociateAdditionalCertificatesWithListenerRequest"),
    "alibaba.alb.create-listener": lambda: alibaba_model("alibabacloud_alb20200616", "CreateListenerRequest"),
    "alibaba.slb.upload-ca-certificate": lambda: alibaba_model("alibabacloud_slb20140515", "UploadCACertificateRequest"),
    "huawei.apig.attach-certificate-domains":
        lambda: huawei_model("huaweicloudsdkapig", "v2", "BatchAssociateDomainsV2Request"),
    "huawei.elb.update-certificate": lambda: huawei_model("huaweicloudsdkelb", "v3", "UpdateCertificateRequest"),
    "aws.acm.import-certificate": lambda: botocore_model("acm", "2015-12-08", "ImportCertificate"),
    "aws.iam.upload-server-certificate": lambda: botocore_model("iam", "2010-05-08", "UploadServerCertificate"),
    "gcp.compute.insert-ssl-certificate": gcp_model,
    "azure.keyvault.import-certificate": azure_model,
    "cloudflare.custom-certificate.create": cloudflare_model,
    "kubernetes.secret.tls": kubernetes_model,
}


def main():
    schemas = json.load(open(sys.argv[1]))
    out_dir = Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    missing = set(schemas) - set(EXTRACTORS)
    if missing:
        sys.exit(f"no provider model extractor for {sorted(missing)}")
    exceptions = load_exceptions()
    used = set()
    unexplained = []
    total = 0
    for operation, extract in EXTRACTORS.items():
        model = extract()
        (out_dir / f"{operation}.json").write_text(json.dumps(model.to_json(), indent=2, ensure_ascii=False) + "\n")
        differences = compare(model.params, flatten_schema(schemas[operation]))
        total += len(differences)
        for path, aspect, theirs, mine in differences:
            key = (operation, path, aspect)
            if key in exceptions:
                used.add(key)
            else:
                unexplained.append(f"{operation} | {path} | {aspect} | model: {theirs}; ours: {mine}")
        print(f"{operation}: {len(model.params)} model parameters ({model.source}), {len(differences)} differences")
    stale = sorted(set(exceptions) - used)
    for line in unexplained:
        print(f"NOT EXPLAINED: {line}")
    for key in stale:
        print(f"STALE EXCEPTION (no such difference any more): {' | '.join(key)}")
    print(f"conformance: {total} differences, {len(used)} explained in {EXCEPTIONS.name}, "
          f"{len(unexplained)} not explained, {len(stale)} stale exceptions")
    if unexplained or stale:
        sys.exit(1)


if __name__ == "__main__":
    main()
