using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Aws;

/// <summary>
/// An AWS call that failed: the stable code, AWS's own error code and the operation, so callers
/// can tell "does not exist" from "access denied" without reading message text.
/// </summary>
internal sealed class AwsException : StagecraftException
{
    public AwsException(string code, string awsCode, string operation, string message, string? hint = null, bool transient = false, string? awsMessage = null, Exception? inner = null)
        : base($"{code}: {message}", ExitCodes.StageFailed, hint, inner)
    {
        Code = code;
        AwsCode = awsCode;
        Operation = operation;
        AwsMessage = awsMessage ?? message;
        Transient = transient;
    }

    public string Code { get; }

    /// <summary>AWS's error code, e.g. ValidationError, ThrottlingException.</summary>
    public string AwsCode { get; }

    /// <summary>The API operation, e.g. DescribeStacks.</summary>
    public string Operation { get; }

    /// <summary>AWS's own message, without our wording around it.</summary>
    public string AwsMessage { get; }

    /// <summary>Throttling, 5xx and connection errors: worth retrying.</summary>
    public bool Transient { get; }

    public bool Is(string awsCode) => string.Equals(AwsCode, awsCode, StringComparison.Ordinal);
}
