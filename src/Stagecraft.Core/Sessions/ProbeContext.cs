namespace Stagecraft.Core.Sessions;

/// <summary>A stage context for work outside a run (remote changes, drift checks): no run id, a log kept in memory.</summary>
internal static class ProbeContext
{
    public static StageContext Create(EnvironmentSession session, PlannedStage planned, EvaluatedStage evaluated, IInteraction interaction) => new()
    {
        Project = session.Project.Name,
        Environment = session.Environment,
        Stage = planned.Name,
        RunId = 0,
        ProjectDirectory = session.Project.Directory,
        StageDirectory = session.Directories.StageDirectory(planned.Name),
        Settings = evaluated.Settings,
        Previous = planned.Record,
        Fingerprint = evaluated.Fingerprint.Value,
        Log = new CollectingStageLog(),
        Interaction = interaction,
        State = session.State,
        Masker = session.Masker,
        Time = session.Time,
        Services = session.Target.Services,
        AllowAbsolutePaths = session.Project.AllowAbsolutePaths,
    };
}
