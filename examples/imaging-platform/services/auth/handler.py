"""Cognito triggers and a small identity endpoint."""
import json


def pre_sign_up(event, _context):
    # Institutional addresses only; everyone else waits for an administrator.
    email = event["request"]["userAttributes"].get("email", "")
    event["response"]["autoConfirmUser"] = email.endswith(".ac.uk")
    return event


def whoami(event, _context):
    claims = event.get("requestContext", {}).get("authorizer", {}).get("jwt", {}).get("claims", {})
    return {"statusCode": 200, "body": json.dumps({"email": claims.get("email")})}
