"""Starts a moto server that can run a state machine more than once.

moto 5.2 deep-copies a state machine together with its past executions, which hold thread locks, so a
second StartExecution fails with HTTP 500 (docs/design.md, "Stand-ins"). Copying everything but the executions
fixes it. Usage is that of `python3 -m moto.server`: python3 local/moto_server.py -p PORT
"""
import copy
import sys

from moto.stepfunctions import models as stepfunctions


def _deepcopy_without_executions(self, memo):
    cls = self.__class__
    clone = cls.__new__(cls)
    memo[id(self)] = clone
    for key, value in self.__dict__.items():
        setattr(clone, key, value if key == "executions" else copy.deepcopy(value, memo))
    return clone


stepfunctions.StateMachineInstance.__deepcopy__ = _deepcopy_without_executions

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main(sys.argv[1:]))
