namespace Stagecraft.Aws.Cli;

/// <summary>
/// Checks once per run that 'aws' is on PATH and is v2: an old v1 often comes first on PATH on
/// real machines, and it differs in output and options.
/// </summary>
internal sealed partial class AwsCliVersionCheck(IProcessRunner runner, IReadOnlyDictionary<string, string?> environment)
{
    public const string InstallHint =
        "install it: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html (on Debian/Ubuntu also 'apt-get install awscli' where that is v2)";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _checked;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_checked)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_checked)
            {
                await CheckAsync(cancellationToken).ConfigureAwait(false);
                _checked = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var path = environment.TryGetValue("PATH", out var overridden) ? overridden : Environment.GetEnvironmentVariable("PATH");
        var located = ToolLocator.Find("aws", path)
            ?? throw new AwsException(AwsErrorCode.CliMissing, "CliMissing", "version", "the AWS CLI v2 ('aws') was not found on PATH", InstallHint);

        var text = new StringBuilder();
        ProcessResult result;
        try
        {
            result = await runner.RunAsync(new ProcessSpec { Arguments = [located, "--version"], Environment = environment }, line => text.Append(line.Text).Append('\n'), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (StageFailedException ex)
        {
            throw new AwsException(AwsErrorCode.CliMissing, "CliMissing", "version", $"the AWS CLI ('{located}') could not be started: {ex.Message}", InstallHint);
        }

        var match = Version().Match(text.ToString());
        if (result.ExitCode != 0 || !match.Success)
        {
            throw new AwsException(AwsErrorCode.CliVersion, "CliVersion", "version",
                $"'{located} --version' did not report an AWS CLI version (exit {result.ExitCode}): {text.ToString().Trim()}", InstallHint);
        }

        if (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < 2)
        {
            throw new AwsException(AwsErrorCode.CliVersion, "CliVersion", "version",
                $"the AWS CLI found first on PATH ({located}) is version {match.Groups[1].Value}.{match.Groups[2].Value}; Stagecraft needs v2",
                "install v2 and put it before the old one on PATH (check with: aws --version); " + InstallHint);
        }
    }

    [GeneratedRegex(@"aws-cli/(\d+)\.(\d+)")]
    private static partial Regex Version();
}
