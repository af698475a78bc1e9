#!/usr/bin/env node
// The CDK app's entry point (cdk.json runs it): one stack per environment, its settings from the
// context that the 'infra' stage of ../stagecraft.yml passes (-c key=value).
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
  // Vpc.fromLookup needs a concrete account and region: those of the profile the stage deploys with.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  environment,
  fqdn: setting("fqdn"),
  certificateArn: setting("ssl_certificate_arn"),
  amiId: setting("ami_id"),
  appPort: Number(setting("app_port")),
  instanceType: setting("instance_type"),
  minInstances: Number(setting("min_instances")),
  maxInstances: Number(setting("max_instances")),
});
