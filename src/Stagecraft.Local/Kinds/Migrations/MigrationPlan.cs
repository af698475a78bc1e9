namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// Compares the files with the history table: every applied version must still have its file,
/// unchanged; what is left is pending, in version order. A pending version below the highest
/// applied one is refused unless out_of_order allows it.
/// </summary>
internal sealed record MigrationPlan(MigrationVersion? Current, IReadOnlyList<MigrationScript> Pending)
{
    public static MigrationPlan Create(IReadOnlyList<MigrationScript> scripts, IReadOnlyList<AppliedMigration> history, bool outOfOrder, string directoryDisplay)
    {
        var byVersion = scripts.ToDictionary(s => s.Version);
        var applied = new HashSet<MigrationVersion>();
        var problems = new List<string>();
        foreach (var row in history)
        {
            var version = MigrationVersion.TryParse(row.Version)
                ?? throw new StageFailedException($"the history table holds version '{row.Version}', which is not a migration version");
            applied.Add(version);
            if (!byVersion.TryGetValue(version, out var script))
            {
                problems.Add($"{row.Script} (version {row.Version}) was applied on {row.InstalledAt:u} but is missing from {directoryDisplay}");
            }
            else if (script.Checksum != row.Checksum)
            {
                problems.Add($"{script.DisplayPath} was changed after it was applied on {row.InstalledAt:u} (checksum {Short(row.Checksum)} in history, {Short(script.Checksum)} now)");
            }
        }

        if (problems.Count > 0)
        {
            throw new StageFailedException(problems[0], problems.Skip(1).ToList(),
                "never edit or delete an applied migration: restore it and add a new V<next>__… file for the change");
        }

        var current = applied.Count == 0 ? null : applied.Max();
        var pending = scripts.Where(s => !applied.Contains(s.Version)).OrderBy(s => s.Version).ToList();
        var early = pending.Where(s => current is not null && s.Version.CompareTo(current) < 0).ToList();
        if (early.Count > 0 && !outOfOrder)
        {
            throw new StageFailedException(
                $"{early[0].DisplayPath} (version {early[0].Version}) is lower than the highest applied version {current}; refusing to apply it out of order",
                early.Skip(1).Select(s => $"{s.DisplayPath} (version {s.Version}) is also lower than {current}").ToList(),
                $"renumber it above {current}, or set 'out_of_order: true' if applying it late is safe");
        }

        return new MigrationPlan(current, pending);
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}
