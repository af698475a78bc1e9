using Stagecraft.Core.Sessions;

namespace Stagecraft.Cli.Commands;

/// <summary>What a project verb's action gets: the parsed command line, the common settings and the opened environment.</summary>
internal sealed record VerbCall(ParseResult Result, CommonSettings Settings, EnvironmentSession Session);

/// <summary>
/// The one way to write a verb that works on an environment of the project: the common options first
/// (-f, -e, --no-color, --verbose), then the verb's own arguments and options in the order given, and an
/// action that runs with the environment opened (and closed after it, whatever it returns or throws).
/// </summary>
internal static class ProjectVerb
{
    public static Command Create(CliContext cli, string name, string description, IEnumerable<Symbol> symbols, Func<VerbCall, CancellationToken, Task<int>> action)
    {
        var common = new CommonOptions();
        var command = new Command(name, description);
        common.AddTo(command);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Add(argument);
                    break;
                case Option option:
                    command.Add(option);
                    break;
                default:
                    throw new ArgumentException($"a verb takes arguments and options, not {symbol.GetType().Name}", nameof(symbols));
            }
        }

        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            return await action(new VerbCall(result, settings, session), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The --json switch of every verb that can print JSON.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print as JSON" };
}
