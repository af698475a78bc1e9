namespace Stagecraft.Aws.Tools;

/// <summary>A CLI a kind drives, and how to install it when it is missing.</summary>
internal sealed record Tool(string Program, string Title, string InstallHint)
{
    public static Tool Serverless { get; } = new("serverless", "the Serverless Framework CLI", "install it with 'npm install -g serverless' (https://www.serverless.com/framework/docs/getting-started)");

    public static Tool Cdk { get; } = new("cdk", "the AWS CDK CLI", "install it with 'npm install -g aws-cdk' (https://docs.aws.amazon.com/cdk/v2/guide/cli.html)");

    public static Tool Docker { get; } = new("docker", "the Docker CLI", "install Docker Engine or Docker Desktop (https://docs.docker.com/engine/install/), e.g. 'apt-get install docker.io'");
}
