using Stagecraft.Core.Diagnostics;

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
                error.WriteLine("error: " + known.Message);
                if (known.Hint is not null)
                {
                    error.WriteLine("  hint: " + known.Hint);
                }

                break;
            default:
                error.WriteLine($"error: unexpected {exception.GetType().Name}: {exception.Message}");
                error.WriteLine(verbose ? exception.ToString() : "  hint: run again with --verbose for the stack trace, and report it if it repeats");
                break;
        }
    }
}
