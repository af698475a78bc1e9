namespace Stagecraft.Local.State;

/// <summary>The default state backend: one SQLite file per environment (DESIGN §6).</summary>
public sealed class SqliteStateBackend : StateBackend
{
    public override string Name => "sqlite";

    public override KindSchema Schema { get; } = new(
        new FieldSpec("path", FieldType.Path, "the state file, relative to the project directory (default .stagecraft/<environment>.db)"));

    public override IStateStore Open(StateOpenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var projectDirectory = context.Directories.ProjectDirectory;
        var setting = context.Settings.Scalar("path");
        var path = setting is null
            ? Path.GetFullPath(context.Directories.DefaultStateFile)
            : ProjectPaths.Resolve(projectDirectory, setting.Value, context.Project.AllowAbsolutePaths, setting.Location);
        var shown = ProjectPaths.IsInside(projectDirectory, path) ? Path.GetRelativePath(projectDirectory, path) : path;
        return new SqliteStateStore(path, $"sqlite {shown}", context.Protector, context.Time);
    }
}
