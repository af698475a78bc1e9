namespace Stagecraft.Cli.Commands;

/// <summary>
/// Reads a secret value: from a hidden prompt (asked twice) on a terminal, otherwise from standard
/// input. Never from the command line, where it would stay in shell history and the process list.
/// </summary>
internal static class SecretInput
{
    public static async Task<string> ReadAsync(CliContext cli, OutputMode mode, string what, CancellationToken cancellationToken)
    {
        string value;
        if (mode.CanPrompt)
        {
            var console = cli.Console(mode);
            value = await new TextPrompt<string>($"Value of {Markup.Escape(what)} (hidden):").Secret(null).AllowEmpty().ShowAsync(console, cancellationToken).ConfigureAwait(false);
            var again = await new TextPrompt<string>("Again, to confirm:").Secret(null).AllowEmpty().ShowAsync(console, cancellationToken).ConfigureAwait(false);
            if (value != again)
            {
                throw new InvalidInputException("the two values differ; nothing was stored", "run the command again");
            }
        }
        else
        {
            value = WithoutFinalNewline(await cli.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
        }

        if (value.Length == 0)
        {
            throw new InvalidInputException($"no value given for {what}; nothing was stored",
                "pipe it in, e.g.: printf '%s' \"$VALUE\" | stagecraft secret set NAME -e ENV, or run on a terminal to be asked");
        }

        return value;
    }

    /// <summary>Refuses a value typed as an argument without repeating it (the error itself must not leak it).</summary>
    public static void RefuseArguments(IReadOnlyList<string> stray, string command)
    {
        if (stray.Count > 0)
        {
            throw new InvalidInputException("values are never taken from the command line: they would stay in shell history and the process list; nothing was stored",
                $"pipe the value in (printf '%s' \"$VALUE\" | stagecraft {command}) or run it on a terminal to be asked");
        }
    }

    // 'echo value | …' adds one newline that is not part of the value; anything else is kept as given.
    private static string WithoutFinalNewline(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
}
