"""The public REST API over the image catalogue, and the schema migration."""
import json
import os

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS images (id bigserial PRIMARY KEY, key text UNIQUE NOT NULL, owner text NOT NULL, created timestamptz DEFAULT now())",
    "CREATE TABLE IF NOT EXISTS jobs (id bigserial PRIMARY KEY, image_id bigint REFERENCES images(id), kind text NOT NULL, status text NOT NULL)",
]


def _connect():
    import psycopg  # packaged by serverless-python-requirements from requirements.txt
    import boto3

    password = boto3.client("ssm").get_parameter(Name=os.environ["DB_SECRET_NAME"], WithDecryption=True)["Parameter"]["Value"]
    return psycopg.connect(host=os.environ["DB_HOST"], user=os.environ["DB_USER"], password=password, dbname="postgres")


def images(_event, _context):
    with _connect() as db:
        rows = db.execute("SELECT id, key, owner FROM images ORDER BY id DESC LIMIT 100").fetchall()
    return {"statusCode": 200, "body": json.dumps([{"id": r[0], "key": r[1], "owner": r[2]} for r in rows])}


def upload(event, _context):
    body = json.loads(event.get("body") or "{}")
    with _connect() as db:
        db.execute("INSERT INTO images (key, owner) VALUES (%s, %s)", (body["key"], body["owner"]))
    return {"statusCode": 201, "body": "{}"}


def initdb(event, _context):
    with _connect() as db:
        for statement in SCHEMA:
            db.execute(statement)
    return {"applied": len(SCHEMA), "action": event.get("action")}
