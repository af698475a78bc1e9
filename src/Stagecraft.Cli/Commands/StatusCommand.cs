using System.CommandLine;
using Spectre.Console;
using Stagecraft.Cli.Hosting;
using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Planning;
using Stagecraft.Core.State;
using Stagecraft.Local.Agent.Protocol;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft status: each stage's state, deployed vs current fingerprint, last run, outputs.</summary>
internal sealed class StatusCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("status", "Show each stage: status, deployed vs current fingerprint, last run, outputs.");
        common.AddTo(command);
        command.Add(json);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
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

            var table = new Table().Border(mode.Color ? TableBorder.Rounded : TableBorder.Ascii)
                .AddColumn("stage").AddColumn("kind").AddColumn("status").AddColumn("deployed").AddColumn("current").AddColumn("last run").AddColumn("outputs");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row.Stage), Markup.Escape(row.Kind), Markup.Escape(row.Status), row.Deployed ?? "-", Markup.Escape(row.Current), row.LastRun?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Markup.Escape(row.Outputs));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

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
            var outputs = record is null ? "" : string.Join(", ", record.Outputs.Select(o => $"{o.Key}={Truncate(o.Value.ToString(), 40)}"));
            return new StatusRow(name, kind, status, record?.Fingerprint?[..12], current, record?.LastRunId, outputs, service);
        }).ToList();

    private static string Truncate(string value, int length) => value.Length > length ? value[..(length - 1)] + "…" : value;

    private sealed record StatusRow(string Stage, string Kind, string Status, string? Deployed, string Current, long? LastRun, string Outputs, ServiceStatus? Service);
}
