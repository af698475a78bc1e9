namespace Stagecraft.Aws.Lambda;

/// <summary>Invoking a function synchronously.</summary>
internal interface ILambda
{
    Task<LambdaInvocation> InvokeAsync(string function, string? qualifier, string payloadFile, string responseFile, CancellationToken cancellationToken);
}

/// <summary>How an invocation ended: FunctionError is set (Handled/Unhandled) when the function itself failed.</summary>
internal sealed record LambdaInvocation(int StatusCode, string? FunctionError, string? ExecutedVersion, string Payload);
