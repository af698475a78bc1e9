using Stagecraft.Core.Sessions;

namespace Stagecraft.Cli.Commands;

/// <summary>What a listing verb renders: its items (never empty), where, and for which environment.</summary>
internal sealed record ListingView<T>(IReadOnlyList<T> Items, IAnsiConsole Console, OutputMode Mode, TextWriter Out, string Environment);

/// <summary>
/// The shape 'history' and 'state history' share: --limit (default 20) and --json, the newest first, a
/// sentence when there is nothing yet, and a rendering of their own otherwise.
/// </summary>
internal static class NewestFirstListing
{
    public static Command Create<T>(CliContext cli, string name, string description, string limitDescription,
        Func<EnvironmentSession, int, CancellationToken, Task<IReadOnlyList<T>>> list, Func<string, string> nothingYet, Action<ListingView<T>> render)
    {
        var limit = new Option<int>("--limit", "-n") { Description = limitDescription, DefaultValueFactory = _ => 20 };
        var json = ProjectVerb.Json();
        return ProjectVerb.Create(cli, name, description, [limit, json], async (call, ct) =>
        {
            var (result, settings, session) = (call.Result, call.Settings, call.Session);
            var items = await list(session, Math.Max(1, result.GetValue(limit)), ct).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, items);
                return ExitCodes.Success;
            }

            var mode = cli.Mode(settings.NoColor);
            var console = cli.Console(mode);
            var environment = Markup.Escape(session.Environment.Name);
            if (items.Count == 0)
            {
                console.MarkupLine(nothingYet(environment));
                return ExitCodes.Success;
            }

            render(new ListingView<T>(items, console, mode, cli.Out, environment));
            return ExitCodes.Success;
        });
    }
}
