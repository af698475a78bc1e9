namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>How a <see cref="MigrationRunner"/> runs and what it writes into the history rows.</summary>
internal sealed record MigrationRunnerOptions(IStageLog Log, TimeProvider Time, bool OutOfOrder, string InstalledBy, long? RunId, string DirectoryDisplay);
