"""Prints {function logical id: its AWS::Lambda::Version logical id} as AWS SAM's translator makes them.

Usage: sam_versions.py <template.yaml> '<parameter values as JSON>'. SAM names each version after a hash of what it
decides publishes one (samtranslator/model/sam_resources.py, _construct_version): a new logical id is a new version.
"""
import json
import sys

from cfnlint.decode import cfn_yaml
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    def load(self):
        return {}

    def get_managed_policy_map(self):
        return {}


template = json.loads(json.dumps(cfn_yaml.load(sys.argv[1])))
# the translator wants packaged code; the hash does not depend on where it is
for resource in template["Resources"].values():
    properties = resource.get("Properties", {})
    for key in ("CodeUri", "DefinitionUri"):
        if key in properties:
            properties[key] = "s3://bucket/" + properties[key]
parameters = {k: str(v.get("Default", "")) for k, v in template.get("Parameters", {}).items()}
parameters.update(json.loads(sys.argv[2]))
output = transform(template, parameters, NoManagedPolicies())
print(json.dumps({v["Properties"]["FunctionName"]["Ref"]: k for k, v in output["Resources"].items()
                  if v["Type"] == "AWS::Lambda::Version"}))
