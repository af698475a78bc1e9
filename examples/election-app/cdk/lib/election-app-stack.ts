import { CfnOutput, Duration, Stack, StackProps } from "aws-cdk-lib";
import * as autoscaling from "aws-cdk-lib/aws-autoscaling";
import * as codedeploy from "aws-cdk-lib/aws-codedeploy";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";

export interface ElectionAppProps extends StackProps {
  environment: string;
  fqdn: string;
  certificateArn: string;
  amiId: string;
  appPort: number;
  instanceType: string;
  minInstances: number;
  maxInstances: number;
}

/** Load balancer, launch template on the golden image, target group, the blue Auto Scaling group, CodeDeploy application and role. */
export class ElectionAppStack extends Stack {
  constructor(scope: Construct, id: string, props: ElectionAppProps) {
    super(scope, id, props);

    const vpc = ec2.Vpc.fromLookup(this, "Vpc", { isDefault: true });
    const instanceRole = new iam.Role(this, "InstanceRole", {
      assumedBy: new iam.ServicePrincipal("ec2.amazonaws.com"),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName("AmazonSSMManagedInstanceCore"),
        iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonEC2RoleforAWSCodeDeploy"),
      ],
    });

    const template = new ec2.LaunchTemplate(this, "LaunchTemplate", {
      machineImage: ec2.MachineImage.genericLinux({ [this.region]: props.amiId }),
      instanceType: new ec2.InstanceType(props.instanceType),
      role: instanceRole,
      requireImdsv2: true,
    });

    const group = new autoscaling.AutoScalingGroup(this, "Blue", {
      vpc,
      launchTemplate: template,
      minCapacity: props.minInstances,
      maxCapacity: props.maxInstances,
      healthCheck: autoscaling.HealthCheck.elb({ grace: Duration.minutes(5) }),
    });

    const balancer = new elbv2.ApplicationLoadBalancer(this, "Balancer", { vpc, internetFacing: true });
    const targets = new elbv2.ApplicationTargetGroup(this, "Targets", {
      vpc,
      port: props.appPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [group],
      healthCheck: { path: "/healthz", healthyThresholdCount: 2 },
    });
    balancer.addListener("Https", {
      port: 443,
      certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
      defaultTargetGroups: [targets],
    });

    const application = new codedeploy.ServerApplication(this, "Application", { applicationName: `election-app-${props.environment}` });
    const deployRole = new iam.Role(this, "CodeDeployRole", {
      assumedBy: new iam.ServicePrincipal("codedeploy.amazonaws.com"),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSCodeDeployRole")],
    });
    // Copying an Auto Scaling group that uses a launch template needs these on top of the managed policy.
    deployRole.addToPolicy(new iam.PolicyStatement({ actions: ["ec2:RunInstances", "ec2:CreateTags", "iam:PassRole"], resources: ["*"] }));

    new CfnOutput(this, "ApplicationName", { value: application.applicationName });
    new CfnOutput(this, "CodeDeployRoleArn", { value: deployRole.roleArn });
    new CfnOutput(this, "AutoScalingGroupName", { value: group.autoScalingGroupName });
    new CfnOutput(this, "TargetGroupName", { value: targets.targetGroupName });
    new CfnOutput(this, "LoadBalancerDnsName", { value: balancer.loadBalancerDnsName });
    new CfnOutput(this, "SiteName", { value: props.fqdn });
  }
}
