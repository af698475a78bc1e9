#!/usr/bin/env node
// The CDK app's entry point (cdk.json runs it): one stack per environment, its settings from the
// context that the 'infra' stage of ../stagecraft.yml passes (-c key=value). Account and region
// are explicit (${account} and ${region} there), so synthesis needs no AWS access and no lookups.
import { App } from "aws-cdk-lib";
import { ElectionAppStack } from "../lib/election-app-stack";

const app = new App();

function setting(key: string): string {
  const value = app.node.tryGetContext(key);
  if (value === undefined || value === "") {
    throw new Error(`context '${key}' is missing: run this app through 'stagecraft deploy', or pass -c ${key}=...`);
  }
  return String(value);
}

const environment = setting("dc-environment");
new ElectionAppStack(app, `ElectionApp-${environment}`, {
  env: { account: setting("account"), region: setting("region") },
  environment,
  fqdn: setting("fqdn"),
  hostedZoneId: setting("hosted_zone_id"),
  certificateArn: setting("ssl_certificate_arn"),
  amiId: setting("ami_id"),
  appPort: Number(setting("app_port")),
  appDir: setting("app_dir"),
  instanceType: setting("instance_type"),
});
