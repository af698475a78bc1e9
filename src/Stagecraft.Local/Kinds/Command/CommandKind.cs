namespace Stagecraft.Local.Kinds.Command;

/// <summary>
/// Runs a program from an argv list (never through a shell) with the stage's environment; outputs
/// come from KEY=VALUE lines the program writes to the file named by $STAGECRAFT_OUTPUT.
/// </summary>
public sealed class CommandKind(IProcessRunner runner) : StageKind, IDriftCheck
{
    public const string KindName = "command";
    public const string OutputVariable = "STAGECRAFT_OUTPUT";
    internal const string RunKey = "run";
    internal const string EnvKey = "env";
    internal const string WorkdirKey = "workdir";
    internal const string TimeoutKey = "timeout";
    internal const string DestroyKey = "destroy";
    internal const string CheckKey = "check";
    private const string ReservedPrefix = "STAGECRAFT_";


    public CommandKind()
        : this(ProcessRunner.Default)
    {
    }

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "runs a program (argv, no shell); outputs from KEY=VALUE lines written to $STAGECRAFT_OUTPUT";

    public override KindSchema Schema { get; } = new(
        new FieldSpec(RunKey, FieldType.Argv, "the program and its arguments, e.g. [\"make\", \"deploy\"]", Required: true),
        new FieldSpec(EnvKey, FieldType.StringMap, "environment variables added to the inherited ones"),
        new FieldSpec(WorkdirKey, FieldType.Path, "directory to run in, inside the project (default: the project directory)"),
        new FieldSpec(TimeoutKey, FieldType.Duration, "stop the program and everything it started after this long, e.g. 10m"),
        new FieldSpec(DestroyKey, FieldType.Argv, "the program and arguments that undo the stage on 'destroy'"),
        new FieldSpec(CheckKey, FieldType.Argv, "a program that tells whether what the stage made is still there ('drift', '--refresh'): exit 0 = in sync"));

    public override void Validate(StageDefinition stage, KindValidationContext context)
    {
        if (stage.Settings[EnvKey] is not ConfigMap env)
        {
            return;
        }

        foreach (var entry in env.Entries)
        {
            if (entry.Key.Length == 0 || entry.Key.Contains('=', StringComparison.Ordinal) || entry.Key.Contains('\0', StringComparison.Ordinal))
            {
                context.Diagnostics.Add(entry.KeyLocation, $"'{entry.Key}' in 'env' of stage '{stage.Name}' is not a valid environment variable name", "use a name without '=' or NUL, e.g. APP_PORT");
            }
            else if (entry.Key.StartsWith(ReservedPrefix, StringComparison.Ordinal))
            {
                context.Diagnostics.Add(entry.KeyLocation, $"'{entry.Key}' in 'env' of stage '{stage.Name}' is reserved: Stagecraft sets {ReservedPrefix}* variables itself",
                    "choose another name");
            }
        }
    }

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var settings = CommandSettings.Read(context);
        using var output = OutputFile.Create(context.StageDirectory, context.RunId);
        await new CommandProcess(runner, context, settings).RunAsync(settings.Run, output.Path, cancellationToken).ConfigureAwait(false);
        var outputs = await output.ReadAsync(context.Masker, cancellationToken).ConfigureAwait(false);
        if (outputs.Count > 0)
        {
            context.Log.Line("# outputs: " + string.Join(", ", outputs.Keys));
        }

        return StageOutcome.Done(outputs);
    }

    public async Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken)
    {
        if (context.Settings.ScalarList(CheckKey) is not { Count: > 0 })
        {
            return new DriftResult.Unchecked($"no '{CheckKey}' command (add check: [program, args…], exit 0 = in sync)");
        }

        var settings = CommandSettings.Read(context);
        using var output = OutputFile.Create(context.StageDirectory, context.RunId);
        var (exitCode, tail) = await new CommandProcess(runner, context, settings).CheckAsync(settings.Check!, output.Path, cancellationToken).ConfigureAwait(false);
        if (exitCode == 0)
        {
            return DriftResult.Same;
        }

        var said = tail.LastOrDefault(l => l.Trim().Length > 0);
        return DriftResult.Differs($"'{settings.Check![0]}' exited with code {exitCode}{(said is null ? "" : ": " + said.Trim())}");
    }

    public override async Task DestroyAsync(StageContext context, CancellationToken cancellationToken)
    {
        // Checked before the other settings: a stage without 'destroy' is forgotten even if its workdir is gone.
        if (context.Settings.ScalarList(DestroyKey) is not { Count: > 0 })
        {
            context.Log.Line($"# stage has no '{DestroyKey}' command: nothing to undo, it is only forgotten");
            return;
        }

        var settings = CommandSettings.Read(context);
        // Set for symmetry with apply, so one script can serve both; what destroy writes there is ignored.
        using var output = OutputFile.Create(context.StageDirectory, context.RunId);
        await new CommandProcess(runner, context, settings).RunAsync(settings.Destroy!, output.Path, cancellationToken).ConfigureAwait(false);
    }
}
