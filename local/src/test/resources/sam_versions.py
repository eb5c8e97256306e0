"""Prints what AWS SAM's translator makes of each function's version, as JSON:
{"versions": {function logical id: {"logicalId": its AWS::Lambda::Version's logical id, "description": that
version's Description as the template gives it}}, "createOnly": AWS::Lambda::Version's create-only properties}.

Usage: sam_versions.py <template.yaml> '<parameter values as JSON>' [<template.yaml> '<parameters>' ...]: one JSON
line per pair, in order (one process, since importing the translator is most of the time). SAM names each version after a hash of what it
decides publishes one (samtranslator/model/sam_resources.py, _construct_version): a new logical id is a new version.
A create-only property (CloudFormation's resource schema, as cfn-lint ships it) that changes replaces the version:
a new version too.
"""
import json
import sys

from cfnlint.decode import cfn_yaml
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    def load(self):
        return {}

    def get_managed_policy_map(self):
        return {}


schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", "AWS::Lambda::Version").schema
create_only = [p.removeprefix("/properties/") for p in schema.get("createOnlyProperties", [])]


def translate(path, overrides):
    template = json.loads(json.dumps(cfn_yaml.load(path)))
    # the translator wants packaged code; the hash does not depend on where it is
    for resource in template["Resources"].values():
        properties = resource.get("Properties", {})
        for key in ("CodeUri", "DefinitionUri"):
            if key in properties:
                properties[key] = "s3://bucket/" + properties[key]
    parameters = {k: str(v.get("Default", "")) for k, v in template.get("Parameters", {}).items()}
    parameters.update(json.loads(overrides))
    output = transform(template, parameters, NoManagedPolicies())
    versions = {v["Properties"]["FunctionName"]["Ref"]: {"logicalId": k,
                                                         "description": v["Properties"].get("Description")}
                for k, v in output["Resources"].items() if v["Type"] == "AWS::Lambda::Version"}
    return {"versions": versions, "createOnly": create_only}


for i in range(1, len(sys.argv), 2):
    print(json.dumps(translate(sys.argv[i], sys.argv[i + 1])))
