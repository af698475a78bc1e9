namespace Stagecraft.Local.Kinds.Command;

/// <summary>A command stage's resolved settings, read once and checked.</summary>
internal sealed record CommandSettings(
    IReadOnlyList<ResolvedScalar> Run,
    IReadOnlyList<ResolvedScalar>? Destroy,
    IReadOnlyList<ResolvedScalar>? Check,
    IReadOnlyList<KeyValuePair<string, ResolvedScalar>> Environment,
    string WorkingDirectory,
    TimeSpan? Timeout)
{
    public static CommandSettings Read(StageContext context)
    {
        var settings = context.Settings;
        var run = settings.ScalarList(CommandKind.RunKey);
        if (run is null || run.Count == 0)
        {
            throw new StageFailedException($"stage '{context.Stage}' has no '{CommandKind.RunKey}': give the program to run and its arguments");
        }

        var workdir = settings.Scalar(CommandKind.WorkdirKey) is { } scalar ? context.ResolvePath(scalar) : context.ProjectDirectory;
        if (!Directory.Exists(workdir))
        {
            throw new StageFailedException($"workdir '{Path.GetRelativePath(context.ProjectDirectory, workdir)}' does not exist", hint: "create it, or point 'workdir' at an existing directory");
        }

        var destroy = settings.ScalarList(CommandKind.DestroyKey);
        var check = settings.ScalarList(CommandKind.CheckKey);
        return new CommandSettings(
            run,
            destroy is { Count: > 0 } ? destroy : null,
            check is { Count: > 0 } ? check : null,
            settings.ScalarMap(CommandKind.EnvKey) ?? [],
            workdir,
            settings.Duration(CommandKind.TimeoutKey));
    }
}
