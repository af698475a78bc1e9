"""Serves pre-rendered tiles from the tiles bucket through the shared REST API."""
import os

import boto3


def tile(event, _context):
    p = event["pathParameters"]
    key = f"{p['id']}/{p['z']}/{p['x']}/{p['y']}.png"
    url = boto3.client("s3").generate_presigned_url("get_object", Params={"Bucket": os.environ["TILES_BUCKET"], "Key": key}, ExpiresIn=300)
    return {"statusCode": 302, "headers": {"Location": url}}
