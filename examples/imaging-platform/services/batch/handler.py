"""Starts the processing state machine for an uploaded image and reports its progress."""
import json
import os

import boto3


def submit(event, _context):
    machine = os.environ["STATE_MACHINE_ARN"]
    run = boto3.client("stepfunctions").start_execution(stateMachineArn=machine, input=json.dumps(event))
    return {"executionArn": run["executionArn"]}


def status(event, _context):
    run = boto3.client("stepfunctions").describe_execution(executionArn=event["executionArn"])
    return {"status": run["status"]}
