namespace Stagecraft.Aws.Lambda;

/// <summary>How an invocation ended: FunctionError is set (Handled/Unhandled) when the function itself failed.</summary>
internal sealed record LambdaInvocation(int StatusCode, string? FunctionError, string? ExecutedVersion, string Payload);
