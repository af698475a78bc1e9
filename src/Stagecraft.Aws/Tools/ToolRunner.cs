namespace Stagecraft.Aws.Tools;

/// <summary>
/// Runs a tool through the process runner with the environment's region and profile, after
/// checking it is on PATH (a missing tool is reported with how to install it).
/// </summary>
internal sealed class ToolRunner : IToolRunner
{
    private readonly IProcessRunner _runner;
    private readonly IReadOnlyDictionary<string, string?> _environment;

    public ToolRunner(IProcessRunner runner, string? region, string? profile, IReadOnlyDictionary<string, string?> environment, Sdk.AwsEndpoints? endpoints = null)
    {
        _runner = runner;
        var merged = new Dictionary<string, string?>(environment) { ["AWS_PAGER"] = "" };

        // The AWS SDKs' own endpoint variables: the CDK CLI (SDK for JavaScript v3) follows them.
        foreach (var (name, value) in endpoints?.SdkVariables() ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }

        if (region is not null)
        {
            merged["AWS_REGION"] = region;
            merged["AWS_DEFAULT_REGION"] = region;
        }

        if (profile is not null)
        {
            merged["AWS_PROFILE"] = profile;
        }

        _environment = merged;
    }

    public async Task<ToolResult> RunAsync(ToolRun run, IStageLog log, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(_environment);
        foreach (var (name, value) in run.Environment)
        {
            environment[name] = value;
        }

        var path = environment.TryGetValue("PATH", out var overridden) ? overridden : Environment.GetEnvironmentVariable("PATH");
        var program = ToolLocator.Find(run.Tool.Program, path)
            ?? throw new StageFailedException($"{AwsErrorCode.ToolMissing}: {run.Tool.Title} ('{run.Tool.Program}') was not found on PATH", hint: run.Tool.InstallHint);

        var lines = new List<string>();
        var stdout = new List<string>();
        var result = await _runner.RunAsync(new ProcessSpec
        {
            Arguments = [program, .. run.Arguments],
            WorkingDirectory = run.WorkingDirectory,
            Environment = environment,
            StandardInput = run.StandardInput,
            Timeout = run.Timeout,
        }, line =>
        {
            lines.Add(line.Text);
            if (line.Stream == OutputStream.StandardOutput)
            {
                stdout.Add(line.Text);
            }

            if (run.LogOutput)
            {
                log.Line(line.Text);
            }
        }, cancellationToken).ConfigureAwait(false);
        return new ToolResult(result.ExitCode, result.TimedOut, lines, stdout);
    }
}
