using Stagecraft.Aws.Ami;
using Stagecraft.Aws.Cdk;
using Stagecraft.Aws.CloudFormation;
using Stagecraft.Aws.CodeDeploy;
using Stagecraft.Aws.Docker;
using Stagecraft.Aws.Lambda;
using Stagecraft.Aws.Serverless;

namespace Stagecraft.Aws;

/// <summary>Registers the AWS kinds; the CLI calls this once.</summary>
public static class AwsKinds
{
    public static Catalog AddAwsKinds(this Catalog catalog) =>
        catalog
            .Add(new CloudFormationKind())
            .Add(new ServerlessKind())
            .Add(new CdkKind())
            .Add(new DockerKind())
            .Add(new AmiKind())
            .Add(new ImageBuilder.ImageBuilderKind())
            .Add(new CodeDeployKind())
            .Add(new LambdaInvokeKind());
}
