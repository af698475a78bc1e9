using Polly;

namespace Stagecraft.Aws.Cli;

/// <summary>
/// Runs 'aws SERVICE OP … --output json --no-cli-pager --region R [--profile P]' through the
/// process runner, checks once per run that it is v2, maps errors to <see cref="AwsException"/>
/// and retries the transient ones.
/// </summary>
internal sealed class AwsCli(IProcessRunner runner, AwsCliSettings settings, TimeProvider time) : IAwsCli
{
    private readonly IProcessRunner _runner = runner;
    private readonly AwsCliSettings _settings = settings;
    private readonly ResiliencePipeline _retry = AwsRetry.Create(settings.RetryBaseDelay, settings.MaxRetries, time);
    private readonly ResiliencePipeline _retryThrottling = AwsRetry.Create(settings.RetryBaseDelay, settings.MaxRetries, time, throttlingOnly: true);
    private readonly AwsCliVersionCheck _version = new AwsCliVersionCheck(runner, settings.Environment);

    public async Task<JsonElement?> RunAsync(AwsCommand command, CancellationToken cancellationToken)
    {
        var text = await RunTextAsync(command, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new AwsException(AwsErrorCode.CallFailed, "BadOutput", command.ApiOperation,
                $"aws {command.Service} {command.Operation} printed something that is not JSON: {ex.Message}");
        }
    }

    public async Task<string> RunTextAsync(AwsCommand command, CancellationToken cancellationToken)
    {
        await _version.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var retry = command.RetryThrottlingOnly ? _retryThrottling : _retry;
        return await retry.ExecuteAsync(async ct => await RunOnceAsync(command, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> RunOnceAsync(AwsCommand command, CancellationToken cancellationToken)
    {
        var argv = new List<string> { "aws", command.Service, command.Operation };
        argv.AddRange(command.Arguments);
        argv.AddRange(["--output", "json", "--no-cli-pager", "--region", _settings.Region]);
        if (_settings.Profile is { } profile)
        {
            argv.AddRange(["--profile", profile]);
        }

        if (_settings.Endpoints.For(command.IamService) is { } endpoint)
        {
            argv.AddRange(["--endpoint-url", Sdk.AwsEndpoints.Text(endpoint)]);
        }

        var environment = new Dictionary<string, string?>(_settings.Environment) { ["AWS_PAGER"] = "" };
        if (command.RetryThrottlingOnly)
        {
            // The CLI's own retries would repeat the call after a 5xx or a dropped connection; ours retry throttling only.
            environment["AWS_MAX_ATTEMPTS"] = "1";
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var result = await _runner.RunAsync(new ProcessSpec { Arguments = argv, Environment = environment }, line =>
        {
            (line.Stream == OutputStream.StandardOutput ? stdout : stderr).Append(line.Text).Append('\n');
        }, cancellationToken).ConfigureAwait(false);

        if (result.ExitCode != 0)
        {
            throw CliErrorParser.Parse(command.IamService, command.ApiOperation, stderr.ToString(), result.ExitCode);
        }

        return stdout.ToString();
    }
}
