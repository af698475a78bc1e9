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
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when nothing would change, 10 when something would" };
        var command = new Command("plan", "Show what deploy would do to each stage, and why.");
        common.AddTo(command);
        selection.AddTo(command);
        command.Add(json);
        command.Add(detailed);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var (plan, _) = await session.PlanAsync(selection.Read(result), ct).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, PlanRenderer.ToJson(plan));
            }
            else
            {
                PlanRenderer.Render(cli.Console(cli.Mode(settings.NoColor)), plan, session.State.Description);
            }

            return result.GetValue(detailed) && plan.HasChanges ? ExitCodes.ChangesPresent : ExitCodes.Success;
        });
        return command;
    }
}
