"""Starts a moto server that can run a state machine more than once.

moto 5.2 deep-copies a state machine together with its past executions, which hold thread locks, so a
second StartExecution fails with HTTP 500 (docs/design.md, "Stand-ins"). Copying everything but the executions
fixes it. Usage is that of `python3 -m moto.server`: python3 local/moto_server.py -p PORT

moto 5.2's Step Functions also calls StartExecution (the states:startExecution integration) with the API's
parameter names (StateMachineArn, Input), which boto3 cannot serialize ("KeyError: 'StateMachineArn'"), and returns
boto3's names (executionArn) where AWS returns the API's (ExecutionArn). Renaming both ways fixes it; and an
execution started without a name gets a UUID, as on AWS, not the name "None".

moto 5.2 checks state machine names but not execution names: StartExecution takes any. AWS refuses a name over 80
characters or holding a space, a bracket, a wildcard, one of " # % \\ ^ | ~ ` $ & , ; : / or a control character
(StartExecution API reference, name), so the same check runs on execution names here.

moto 5.2's Organizations answers ListParents from any account with AccountNotFoundException when it has no
organization of its own. AWS answers only the management account or a delegated administrator, and refuses with
AWSOrganizationsNotInUseException (the caller is in no organization), AccessDeniedException (a member account that is
not a delegated administrator) or ChildNotFoundException (no such account or unit in the organization), as the
ListParents API reference lists them (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html).
So it does here, and a delegated administrator reads its organization's tree.
"""
import copy
import sys
import uuid
from datetime import datetime

from moto.organizations import models as organizations
from moto.organizations.exceptions import AWSOrganizationsNotInUseException, OrganizationsClientError
from moto.stepfunctions import models as stepfunctions
from moto.stepfunctions.parser import models as stepfunctions_parser
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import state_task_service_sfn
from moto.stepfunctions.parser.asl.utils.boto_client import boto_client_for


def _deepcopy_without_executions(self, memo):
    cls = self.__class__
    clone = cls.__new__(cls)
    memo[id(self)] = clone
    for key, value in self.__dict__.items():
        setattr(clone, key, value if key == "executions" else copy.deepcopy(value, memo))
    return clone


stepfunctions.StateMachineInstance.__deepcopy__ = _deepcopy_without_executions


def _eval_service_task(self, env, resource_runtime_part, normalised_parameters, state_credentials):
    client = boto_client_for(region=resource_runtime_part.region, service=self._get_boto_service_name(),
                             state_credentials=state_credentials)
    # StateMachineArn -> stateMachineArn: boto3's member names
    parameters = {k[0].lower() + k[1:]: v for k, v in normalised_parameters.items()}
    # without a name AWS names the execution with a UUID (StartExecution API reference); moto would name it "None"
    parameters.setdefault("name", str(uuid.uuid4()))
    response = getattr(client, self._get_boto_service_action())(**parameters)
    response.pop("ResponseMetadata", None)
    # executionArn -> ExecutionArn, as the integration's output names it; dates in epoch milliseconds
    env.stack.append({k[0].upper() + k[1:]: int(v.timestamp() * 1000) if isinstance(v, datetime) else v
                      for k, v in response.items()})


state_task_service_sfn.StateTaskServiceSfn._eval_service_task = _eval_service_task

_start_execution = stepfunctions_parser.StepFunctionsParserBackend.start_execution


def _start_execution_with_a_valid_name(self, state_machine_arn, name=None, execution_input=None, trace_header=None):
    if name is not None:
        self._validate_name(name)  # InvalidName, or a ValidationException over 80 characters
    return _start_execution(self, state_machine_arn, name, execution_input, trace_header)


stepfunctions_parser.StepFunctionsParserBackend.start_execution = _start_execution_with_a_valid_name



class _AccessDenied(OrganizationsClientError):
    def __init__(self):
        super().__init__("AccessDeniedException", "You don't have permissions to access this resource.")


class _ChildNotFound(OrganizationsClientError):
    def __init__(self):
        super().__init__("ChildNotFoundException",
                         "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.")


_list_parents = organizations.OrganizationsBackend.list_parents


def _list_parents_as_aws(self, **kwargs):
    backend = self
    if self.org is None:
        membership = organizations.organizations_backends.master_accounts.get(self.account_id)
        if membership is None:
            raise AWSOrganizationsNotInUseException
        backend = organizations.organizations_backends[membership[0]][membership[1]]
        if not any(admin.account.id == self.account_id for admin in backend.admins):
            raise _AccessDenied()
    try:
        return _list_parents(backend, **kwargs)
    except OrganizationsClientError as e:
        if e.code in ("AccountNotFoundException", "OrganizationalUnitNotFoundException"):
            raise _ChildNotFound() from e
        raise


organizations.OrganizationsBackend.list_parents = _list_parents_as_aws

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main(sys.argv[1:]))
