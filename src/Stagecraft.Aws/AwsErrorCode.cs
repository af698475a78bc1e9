namespace Stagecraft.Aws;

/// <summary>
/// Stable codes for user-facing AWS errors: they stay the same across versions so runbooks and
/// searches can rely on them. docs/aws.md lists each with what to do.
/// </summary>
internal static class AwsErrorCode
{
    public const string CliMissing = "SC-AWS-0001";
    public const string CliVersion = "SC-AWS-0002";
    public const string AccessDenied = "SC-AWS-0003";
    public const string CallFailed = "SC-AWS-0004";
    public const string Throttled = "SC-AWS-0005";
    public const string Credentials = "SC-AWS-0006";
    public const string WrongAccount = "SC-AWS-0007";
    public const string ToolMissing = "SC-AWS-0008";
    public const string TimedOut = "SC-AWS-0009";
    public const string EndpointUnsupported = "SC-AWS-0010";
    public const string StackFailed = "SC-AWS-0101";
    public const string StackStuck = "SC-AWS-0102";
    public const string ChangeSetFailed = "SC-AWS-0103";
    public const string StackDeleteFailed = "SC-AWS-0104";
    public const string ToolFailed = "SC-AWS-0201";
    public const string AmiFailed = "SC-AWS-0204";
    public const string ImageBuildFailed = "SC-AWS-0205";
    public const string DeploymentFailed = "SC-AWS-0301";
    public const string FunctionError = "SC-AWS-0401";
}
