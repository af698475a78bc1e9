using System.CommandLine;
using Stagecraft.Cli.Hosting;
using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Planning;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft plan: each stage's action and why.</summary>
internal sealed class PlanCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var selection = new SelectionOptions();
        var refresh = new RefreshOption();
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when nothing would change, 10 when something would" };
        var remote = new Option<bool>("--remote") { Description = "Also ask the target what would change inside each stage (CloudFormation: a change set, deleted afterwards)" };
        var command = new Command("plan", "Show what deploy would do to each stage, and why.");
        common.AddTo(command);
        selection.AddTo(command);
        command.Add(json);
        command.Add(detailed);
        command.Add(remote);
        refresh.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var (plan, snapshot, drift) = await refresh.PlanAsync(result, session, selection.Read(result), ct).ConfigureAwait(false);
            var console = cli.Console(cli.Mode(settings.NoColor));
            var changes = result.GetValue(remote)
                ? await session.DescribeRemoteChangesAsync(plan, snapshot, new TerminalInteraction(console, false, null), ct).ConfigureAwait(false)
                : null;
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, changes is null && drift is null ? PlanRenderer.ToJson(plan)
                    : new { Plan = PlanRenderer.ToJson(plan), Remote = changes is null ? null : RemoteChangesRenderer.ToJson(changes), Drift = drift is null ? null : DriftRenderer.ToJson(drift) });
            }
            else
            {
                PlanRenderer.Render(console, plan, session.State.Description);
                if (drift is not null)
                {
                    DriftRenderer.RenderRefresh(cli.Out, drift);
                }

                if (changes is not null)
                {
                    RemoteChangesRenderer.Render(console, changes);
                }
            }

            return result.GetValue(detailed) && plan.HasChanges ? ExitCodes.ChangesPresent : ExitCodes.Success;
        });
        return command;
    }
}
