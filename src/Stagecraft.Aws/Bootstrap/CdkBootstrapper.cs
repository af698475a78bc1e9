namespace Stagecraft.Aws.Bootstrap;

/// <summary>
/// 'cdk bootstrap aws://ACCOUNT/REGION --app ""' for one region a cdk stage deploys to, through the
/// same tool runner as 'cdk deploy' (cdk on PATH, in the stage's app_dir, with the region, profile and
/// endpoints of that region). '--app ""' keeps the CLI from running the app, which needs the stage's
/// context; cdk.json is still read, so a bootstrap qualifier written there is used.
/// </summary>
internal static class CdkBootstrapper
{
    public const string NoChanges = "(no changes)";

    /// <summary>A first bootstrap makes one CloudFormation stack: minutes, not an hour.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    public static async Task<BootstrapItem> RunAsync(AwsEnvironment aws, string account, CdkTarget target, CancellationToken cancellationToken)
    {
        var environment = $"aws://{account}/{target.Region}";
        var log = new Log();
        ToolResult result;
        try
        {
            result = await aws.Tools.RunAsync(new ToolRun(Tool.Cdk, ["bootstrap", environment, "--app", ""]) { WorkingDirectory = target.AppDirectory, Timeout = Timeout }, log, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (StageFailedException missing) when (missing.Message.StartsWith(AwsErrorCode.ToolMissing, StringComparison.Ordinal))
        {
            throw new StageFailedException(missing.Message, hint: $"{missing.Hint}; or run 'stagecraft bootstrap --no-cdk' and 'cdk bootstrap {environment}' yourself");
        }

        ToolFailure.ThrowIfFailed(result, $"cdk bootstrap {environment}", log, Timeout);
        return new BootstrapItem("cdk bootstrap", environment, !result.Lines.Any(l => l.Contains(NoChanges, StringComparison.Ordinal)))
        {
            Ran = $"cdk bootstrap {environment} --app \"\"   (in {target.AppDirAsWritten})",
        };
    }

    /// <summary>The CLI's lines, kept for a failure's report.</summary>
    private sealed class Log : IStageLog
    {
        private readonly List<string> _lines = [];

        public string FilePath => "";

        public void Line(string text)
        {
            lock (_lines)
            {
                _lines.Add(text);
            }
        }

        public void Status(string text)
        {
        }

        public IReadOnlyList<string> Tail(int count)
        {
            lock (_lines)
            {
                return _lines.Skip(Math.Max(0, _lines.Count - count)).ToList();
            }
        }
    }
}
