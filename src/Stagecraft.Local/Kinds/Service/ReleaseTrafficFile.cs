namespace Stagecraft.Local.Kinds.Service;

/// <summary>
/// A service stage's release traffic for one run, kept beside its log (logs/RUN/STAGE.release.json)
/// for the run report: the agent's figures, no secret in them.
/// </summary>
public static class ReleaseTrafficFile
{
    public static string PathBeside(string stageLogPath) => Path.ChangeExtension(stageLogPath, ".release.json");

    public static void Write(StageContext context, ReleaseTraffic traffic)
    {
        var log = Path.Combine(new StagecraftDirectories(context.ProjectDirectory, context.Environment.Name).RunLogDirectory(context.RunId), context.Stage + ".log");
        WriteBeside(log, traffic);
    }

    public static void WriteBeside(string stageLogPath, ReleaseTraffic traffic)
    {
        var path = PathBeside(stageLogPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(traffic, AgentJson.Default.ReleaseTraffic));
    }

    /// <summary>The traffic written beside a stage's log, or null when there is none or it cannot be read.</summary>
    public static ReleaseTraffic? Read(string stageLogPath)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(PathBeside(stageLogPath)), AgentJson.Default.ReleaseTraffic);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
