namespace Stagecraft.Local.Kinds.Command;

/// <summary>Runs one argv of a command stage: its environment, its log, and failures in words.</summary>
internal sealed class CommandProcess(IProcessRunner runner, StageContext context, CommandSettings settings)
{
    /// <summary>How many log lines a failure shows under its message.</summary>
    public const int FailureTailLines = 20;

    private readonly CommandSettings _settings = settings;

    /// <summary>Runs a drift check: its exit code and last lines; a timeout is an error, not an answer.</summary>
    public async Task<(int ExitCode, IReadOnlyList<string> Tail)> CheckAsync(IReadOnlyList<ResolvedScalar> argv, string outputFile, CancellationToken cancellationToken)
    {
        var log = context.Log;
        log.Line("$ " + string.Join(' ', argv.Select(Display)));
        var said = new Queue<string>();
        var result = await runner.RunAsync(Spec(argv, outputFile), line =>
        {
            log.Line(line.Text);
            said.Enqueue(line.Text);
            if (said.Count > 3)
            {
                said.Dequeue();
            }
        }, cancellationToken).ConfigureAwait(false);
        if (result.TimedOut)
        {
            throw new StageFailedException($"'{argv[0]}' timed out after {DurationText.Format(_settings.Timeout!.Value)}", hint: "raise 'timeout' if the check needs longer");
        }

        return (result.ExitCode, said.ToList());
    }

    public async Task RunAsync(IReadOnlyList<ResolvedScalar> argv, string outputFile, CancellationToken cancellationToken)
    {
        var log = context.Log;
        var program = argv[0].ToString();
        var spec = Spec(argv, outputFile);

        // Values from secrets show as ****, and only names of environment variables are written.
        log.Line("$ " + string.Join(' ', argv.Select(Display)));
        if (_settings.Environment.Count > 0)
        {
            log.Line("# env: " + string.Join(", ", _settings.Environment.Select(e => e.Key)));
        }

        log.Status("running " + program);
        var result = await runner.RunAsync(spec, line => log.Line(line.Text), cancellationToken).ConfigureAwait(false);
        if (!result.OutputComplete)
        {
            log.Line($"# a background process started by '{program}' still holds its output open; stopped reading it");
        }

        if (result.TimedOut)
        {
            var tail = log.Tail(FailureTailLines);
            var limit = DurationText.Format(_settings.Timeout!.Value);
            log.Line($"# timed out after {limit}; the process tree was killed");
            throw new StageFailedException($"'{program}' timed out after {limit} and its process tree was killed", tail,
                "raise 'timeout' if it needs longer");
        }

        if (result.ExitCode != 0)
        {
            // The tail is taken first, so the details are the program's own last lines.
            var tail = log.Tail(FailureTailLines);
            log.Line($"# exited with code {result.ExitCode}");
            throw new StageFailedException($"'{program}' exited with code {result.ExitCode}", tail);
        }

        log.Line($"# exited with code 0 after {DurationText.Format(result.Duration)}");
    }

    private ProcessSpec Spec(IReadOnlyList<ResolvedScalar> argv, string outputFile) => new()
    {
        Arguments = argv.Select(a => a.Value).ToList(),
        WorkingDirectory = _settings.WorkingDirectory,
        Environment = Environment(outputFile),
        Timeout = _settings.Timeout,
    };

    private Dictionary<string, string?> Environment(string outputFile)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in _settings.Environment)
        {
            environment[name] = value.Value;
        }

        // Set last: these are Stagecraft's own and a stage cannot redirect them (validation refuses it too).
        environment[CommandKind.OutputVariable] = outputFile;
        environment["STAGECRAFT_STAGE"] = context.Stage;
        environment["STAGECRAFT_ENVIRONMENT"] = context.Environment.Name;
        environment["STAGECRAFT_PROJECT"] = context.Project;
        environment["STAGECRAFT_STAGE_DIR"] = context.StageDirectory;
        return environment;
    }

    private static string Display(ResolvedScalar argument)
    {
        var text = argument.ToString();
        return text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$' or ';' or '&' or '|' or '`')
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
