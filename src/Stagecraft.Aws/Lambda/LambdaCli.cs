namespace Stagecraft.Aws.Lambda;

/// <summary><see cref="ILambda"/> through 'aws lambda invoke'; the payload goes by file, so it never shows in a process list.</summary>
internal sealed class LambdaCli(IAwsCli cli) : ILambda
{
    private readonly IAwsCli _cli = cli;

    public async Task<LambdaInvocation> InvokeAsync(string function, string? qualifier, string payloadFile, string responseFile, CancellationToken cancellationToken)
    {
        // No read timeout: after the default 60 s the CLI would give up waiting and invoke the function again.
        var args = new List<string> { "--function-name", function, "--payload", "fileb://" + payloadFile, "--cli-read-timeout", "0" };
        if (qualifier is not null)
        {
            args.AddRange(["--qualifier", qualifier]);
        }

        args.Add(responseFile);
        var json = await _cli.RunAsync(new AwsCommand("lambda", "invoke", args) { RetryThrottlingOnly = true }, cancellationToken).ConfigureAwait(false);
        var payload = File.Exists(responseFile) ? await File.ReadAllTextAsync(responseFile, cancellationToken).ConfigureAwait(false) : "";
        if (json is not { } root)
        {
            return new LambdaInvocation(0, null, null, payload);
        }

        var status = int.TryParse(Json.String(root, "StatusCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : 0;
        return new LambdaInvocation(status, Json.String(root, "FunctionError"), Json.String(root, "ExecutedVersion"), payload);
    }
}
