namespace Stagecraft.Cli.Rendering;

/// <summary>Every user-facing error renders the same way: "file:line:col: error: what", then "hint: what to do".</summary>
internal static class ErrorRenderer
{
    public static void Render(TextWriter error, Exception exception, bool verbose)
    {
        switch (exception)
        {
            case InvalidInputException invalid:
                foreach (var diagnostic in invalid.Diagnostics)
                {
                    error.WriteLine(diagnostic.ToString());
                }

                if (invalid.Diagnostics.Count > 1)
                {
                    error.WriteLine($"{invalid.Diagnostics.Count} errors; nothing was changed.");
                }

                break;
            case StagecraftException known:
                RenderFailure(error, known.Message, [], known.Hint);
                break;
            default:
                error.WriteLine($"error: unexpected {exception.GetType().Name}: {exception.Message}");
                error.WriteLine(verbose ? exception.ToString() : "  hint: run again with --verbose for the stack trace, and report it if it repeats");
                break;
        }
    }

    /// <summary>A failure a command reports as its result (a run that failed): the message, the lines under it, then the hint.</summary>
    public static void RenderFailure(TextWriter error, string message, IReadOnlyList<string> details, string? hint)
    {
        error.WriteLine("error: " + message);
        foreach (var line in details)
        {
            error.WriteLine("  | " + line);
        }

        if (hint is not null)
        {
            error.WriteLine("  hint: " + hint);
        }
    }
}
