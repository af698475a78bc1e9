import { CfnOutput, Duration, Fn, Stack, StackProps } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as codedeploy from "aws-cdk-lib/aws-codedeploy";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as targets from "aws-cdk-lib/aws-route53-targets";
import { Construct } from "constructs";

export interface ElectionAppProps extends StackProps {
  environment: string;
  fqdn: string;
  hostedZoneId: string;
  /** Issued in us-east-1 (the 'certificate' stage): the only region CloudFront takes certificates from. */
  certificateArn: string;
  amiId: string;
  appPort: number;
  appDir: string;
  instanceType: string;
}

/**
 * Network, load balancer, launch template on the golden image, CloudFront in front with the
 * us-east-1 certificate, the alias record, and the CodeDeploy application and role. The Auto
 * Scaling group is not here: CodeDeploy replaces it on every blue/green release, so the
 * 'release' stage makes the first one from the launch template ($Latest), as the seed's
 * create_deployment_group.py does.
 */
export class ElectionAppStack extends Stack {
  /** Named, not looked up: the stack's zones would otherwise be read from the account at synthesis. */
  override get availabilityZones(): string[] {
    return [`${this.region}a`, `${this.region}b`];
  }

  constructor(scope: Construct, id: string, props: ElectionAppProps) {
    super(scope, id, props);

    // A VPC of its own in the zones named below, so synthesis needs no lookup (Vpc.fromLookup would).
    const vpc = new ec2.Vpc(this, "Vpc", {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
    });

    const balancerGroup = new ec2.SecurityGroup(this, "BalancerSecurity", { vpc, description: "CloudFront to the load balancer" });
    // Narrow this to CloudFront's origin-facing managed prefix list (its id differs per region) once it is known for the account.
    balancerGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), "CloudFront to the origin");
    const instanceGroup = new ec2.SecurityGroup(this, "InstanceSecurity", { vpc, description: "The load balancer to the app" });
    instanceGroup.addIngressRule(balancerGroup, ec2.Port.tcp(props.appPort), "the app's port");

    const instanceRole = new iam.Role(this, "InstanceRole", {
      assumedBy: new iam.ServicePrincipal("ec2.amazonaws.com"),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName("AmazonSSMManagedInstanceCore"),
        iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonEC2RoleforAWSCodeDeploy"),
      ],
    });

    // The hooks and the gunicorn unit read the port and the app's directory from here, not from literals.
    const userData = ec2.UserData.forLinux();
    userData.addCommands(
      "mkdir -p /etc/election-app",
      `printf 'APP_PORT=%s\\nAPP_DIR=%s\\n' '${props.appPort}' '${props.appDir}' > /etc/election-app/app.env`,
    );
    const launchTemplateName = `election-app-${props.environment}`;
    new ec2.LaunchTemplate(this, "LaunchTemplate", {
      launchTemplateName,
      machineImage: ec2.MachineImage.genericLinux({ [this.region]: props.amiId }),
      instanceType: new ec2.InstanceType(props.instanceType),
      role: instanceRole,
      securityGroup: instanceGroup,
      userData,
      requireImdsv2: true,
      associatePublicIpAddress: true,
    });

    const balancer = new elbv2.ApplicationLoadBalancer(this, "Balancer", { vpc, internetFacing: true, securityGroup: balancerGroup });
    const targetGroup = new elbv2.ApplicationTargetGroup(this, "Targets", {
      vpc,
      port: props.appPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.INSTANCE,
      healthCheck: { path: "/healthz", healthyThresholdCount: 2, interval: Duration.seconds(15) },
      deregistrationDelay: Duration.seconds(30),
    });
    balancer.addListener("Http", { port: 80, open: false, defaultTargetGroups: [targetGroup] });

    const distribution = new cloudfront.Distribution(this, "Distribution", {
      domainNames: [props.fqdn],
      certificate: acm.Certificate.fromCertificateArn(this, "Certificate", props.certificateArn),
      defaultBehavior: {
        origin: new origins.LoadBalancerV2Origin(balancer, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER,
      },
    });

    const zone = route53.HostedZone.fromHostedZoneAttributes(this, "Zone", { hostedZoneId: props.hostedZoneId, zoneName: props.fqdn });
    new route53.ARecord(this, "Alias", { zone, recordName: props.fqdn, target: route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(distribution)) });
    new route53.AaaaRecord(this, "AliasV6", { zone, recordName: props.fqdn, target: route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(distribution)) });

    const application = new codedeploy.ServerApplication(this, "Application", { applicationName: `election-app-${props.environment}` });
    const deployRole = new iam.Role(this, "CodeDeployRole", {
      assumedBy: new iam.ServicePrincipal("codedeploy.amazonaws.com"),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSCodeDeployRole")],
    });
    // Copying an Auto Scaling group that uses a launch template needs these on top of the managed policy.
    deployRole.addToPolicy(new iam.PolicyStatement({ actions: ["ec2:RunInstances", "ec2:CreateTags", "iam:PassRole"], resources: ["*"] }));

    new CfnOutput(this, "ApplicationName", { value: application.applicationName });
    new CfnOutput(this, "CodeDeployRoleArn", { value: deployRole.roleArn });
    new CfnOutput(this, "LaunchTemplateName", { value: launchTemplateName });
    new CfnOutput(this, "SubnetIds", { value: Fn.join(",", vpc.publicSubnets.map((s) => s.subnetId)) });
    new CfnOutput(this, "TargetGroupName", { value: targetGroup.targetGroupName });
    new CfnOutput(this, "TargetGroupArn", { value: targetGroup.targetGroupArn });
    new CfnOutput(this, "DistributionDomainName", { value: distribution.distributionDomainName });
    new CfnOutput(this, "SiteName", { value: props.fqdn });
  }
}

