namespace Stagecraft.Aws;

/// <summary>
/// An AWS call that failed: the stable code, AWS's own error code and the operation, so callers
/// can tell "does not exist" from "access denied" without reading message text.
/// </summary>
internal sealed class AwsException(string code, string awsCode, string operation, string message, string? hint = null, bool transient = false, string? awsMessage = null, Exception? inner = null) : StagecraftException($"{code}: {message}", ExitCodes.StageFailed, hint, inner)
{
    public string Code { get; } = code;

    /// <summary>AWS's error code, e.g. ValidationError, ThrottlingException.</summary>
    public string AwsCode { get; } = awsCode;

    /// <summary>The API operation, e.g. DescribeStacks.</summary>
    public string Operation { get; } = operation;

    /// <summary>AWS's own message, without our wording around it.</summary>
    public string AwsMessage { get; } = awsMessage ?? message;

    /// <summary>Throttling, 5xx and connection errors: worth retrying.</summary>
    public bool Transient { get; } = transient;

    public bool Is(string awsCode) => string.Equals(AwsCode, awsCode, StringComparison.Ordinal);
}
