namespace Stagecraft.Aws.Lambda;

/// <summary>Invoking a function synchronously.</summary>
internal interface ILambda
{
    Task<LambdaInvocation> InvokeAsync(string function, string? qualifier, string payloadFile, string responseFile, CancellationToken cancellationToken);
}
