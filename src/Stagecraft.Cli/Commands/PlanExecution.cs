using Spectre.Console;
using Stagecraft.Cli.Hosting;
using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Planning;
using Stagecraft.Core.Sessions;
using Stagecraft.Core.State;

namespace Stagecraft.Cli.Commands;

/// <summary>Shared by deploy and destroy: confirm, run the engine with live or plain progress, summarise.</summary>
internal static class PlanExecution
{
    public static async Task<int> RunAsync(CliContext cli, EnvironmentSession session, OutputMode mode, string verb, Plan plan, StateSnapshot snapshot,
        EngineOptions options, bool yes, CancellationToken cancellationToken)
    {
        var console = cli.Console(mode);
        if (mode.CanPrompt && !yes && plan.HasChanges)
        {
            var go = await console.ConfirmAsync($"{char.ToUpperInvariant(verb[0])}{verb[1..]} {plan.Project} to {plan.Environment}?", defaultValue: false, cancellationToken).ConfigureAwait(false);
            if (!go)
            {
                console.MarkupLine("Cancelled; nothing was changed.");
                return 0;
            }
        }

        LiveRunObserver? live = mode.Live ? new LiveRunObserver(console) : null;
        IRunObserver observer = live is null ? new PlainRunObserver(cli.Out, cli.Time) : live;
        IInteraction interaction = new TerminalInteraction(console, mode.CanPrompt, live);
        RunReport report;
        try
        {
            report = await new RunEngine(session, observer, interaction, cli.Host).ExecuteAsync(verb, plan, snapshot, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (live is not null)
            {
                await live.DisposeAsync().ConfigureAwait(false);
            }
        }

        RunSummaryRenderer.Render(console, report, session.Environment.Name, ascii: !mode.Color);
        return report.ExitCode;
    }
}
