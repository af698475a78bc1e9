namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft status: each stage's state, deployed vs current fingerprint, last run, outputs.</summary>
internal sealed class StatusCommand
{
    public static Command Create(CliContext cli)
    {
        var json = ProjectVerb.Json();
        return ProjectVerb.Create(cli, "status", "Show each stage: status, deployed vs current fingerprint, last run, outputs.", [json], async (call, ct) =>
        {
            var (result, settings, session) = (call.Result, call.Settings, call.Session);
            var snapshot = await session.State.LoadAsync(ct).ConfigureAwait(false);
            Plan? plan = null;
            string? planError = null;
            try
            {
                (plan, _) = await session.PlanAsync(PlanOptions.All, ct).ConfigureAwait(false);
            }
            catch (InvalidInputException ex)
            {
                planError = ex.Diagnostics[0].Message;
            }

            var holder = await session.State.ReadLockAsync(ct).ConfigureAwait(false);
            var services = await ServiceStatuses.ReadAsync(session, snapshot, ct).ConfigureAwait(false);
            var rows = Rows(session.Project.Stages.Select(s => s.Name).Concat(snapshot.Stages.Keys).Distinct().ToList(), snapshot, plan, session.Project, services);
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, new { Project = session.Project.Name, Environment = session.Environment.Name, State = session.State.Description, Lock = holder, Stages = rows });
                return ExitCodes.Success;
            }

            var mode = cli.Mode(settings.NoColor);
            var console = cli.Console(mode);
            console.MarkupLine($"[bold]{Markup.Escape(session.Project.Name)}[/], environment [bold]{Markup.Escape(session.Environment.Name)}[/] on {Markup.Escape(session.Environment.Target)} [grey]({Markup.Escape(session.State.Description)})[/]");
            if (holder is not null)
            {
                console.MarkupLine($"[yellow]locked by {Markup.Escape(holder.Describe())}[/]");
            }

            if (planError is not null)
            {
                console.MarkupLine($"[yellow]current fingerprints unknown: {Markup.Escape(planError)}[/]");
            }

            if (!mode.Live)
            {
                WriteCompact(cli.Out, rows, console.Profile.Width);
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("stage").AddColumn("kind").AddColumn("status").AddColumn("deployed").AddColumn("current").AddColumn("last run").AddColumn("outputs");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row.Stage), Markup.Escape(row.Kind), Markup.Escape(row.Status), Digest(row), Markup.Escape(row.Current), LastRun(row),
                    Markup.Escape(string.Join(", ", row.Outputs.Select(o => $"{o.Key}={Truncate(o.Value, 40)}"))));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
    }

    // Pipes and CI logs: one line per stage within the width; --json has every value whole.
    private static void WriteCompact(TextWriter output, List<StatusRow> rows, int width)
    {
        var table = new CompactTable().Column("stage", 8).Column("kind", 7).Column("status", 10).Column("deployed", 8)
            .Column("current", 9).Column("last run", 8).Column("outputs", 10);
        foreach (var row in rows)
        {
            table.Add(row.Stage, row.Kind, row.Status, Digest(row), row.Current, LastRun(row), string.Join(", ", row.Outputs.Select(o => $"{o.Key}={o.Value}")));
        }

        const int statusColumn = 2;
        var cutStatuses = new List<int>();
        if (table.Write(output, width, (row, column) => { if (column == statusColumn) cutStatuses.Add(row); }))
        {
            // A shortened status may hide why a stage is unwell ("service failed: crash loop"): it follows whole.
            foreach (var row in cutStatuses.Select(i => rows[i]))
            {
                output.WriteLine($"{row.Stage}: {row.Status}");
            }

            output.WriteLine($"(shortened to fit {width} columns; whole values: stagecraft status --json)");
        }
    }

    // A digest's first 12 characters identify it, as short commit ids do; --json has it whole.
    private static string Digest(StatusRow row) => row.Deployed is { } digest ? digest[..Math.Min(12, digest.Length)] : "-";

    private static string LastRun(StatusRow row) => row.LastRun?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    private static List<StatusRow> Rows(IReadOnlyList<string> names, StateSnapshot snapshot, Plan? plan, Core.Config.ProjectDefinition project, ServiceStatuses services) =>
        names.Select(name =>
        {
            var record = snapshot.Find(name);
            var planned = plan?.Find(name);
            var kind = record?.Kind ?? project.FindStage(name)?.Kind ?? "?";
            var status = record is null ? "not deployed" : record.Status.ToString().ToLowerInvariant() + (record.LastError is null || record.Status == StageStatus.Deployed ? "" : $" ({record.LastError.Split('\n')[0]})");
            var service = services.Find(name);
            if (service is not null)
            {
                status += "; service " + ServiceStatuses.Describe(service);
            }
            else if (record is not null && services.AgentProblem(record) is { } problem)
            {
                status += "; " + problem;
            }
            var current = planned is null ? (project.FindStage(name) is null ? "removed from file" : "unknown")
                : planned.Action switch
                {
                    StageAction.NoChange => "up to date",
                    StageAction.Pending => "waits on upstream",
                    StageAction.Create => "new",
                    _ => $"changed ({planned.Fingerprint?.Short ?? "?"})",
                };
            var outputs = record is null ? [] : record.Outputs.ToDictionary(o => o.Key, o => o.Value.ToString(), StringComparer.Ordinal);
            return new StatusRow(name, kind, status, record?.Fingerprint, current, record?.LastRunId, outputs, service);
        }).ToList();

    private static string Truncate(string value, int length) => value.Length > length ? value[..(length - 1)] + "…" : value;

    private sealed record StatusRow(string Stage, string Kind, string Status, string? Deployed, string Current, long? LastRun, Dictionary<string, string> Outputs, ServiceStatus? Service);
}
