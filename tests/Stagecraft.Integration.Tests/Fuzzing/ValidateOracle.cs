using System.Diagnostics;
using System.Text.RegularExpressions;
using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Kinds;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Fuzzing;

/// <summary>What one case did, and every way it broke the property (empty when it held).</summary>
internal sealed record FuzzVerdict(int Exit, TimeSpan Took, IReadOnlyList<string> Violations, bool Crashed);

/// <summary>
/// Runs validate in-process through the CLI's entry point (the parser, the verb and the exit-code
/// mapping a user gets) and checks the property: exit 0 or 2; with 2, every error of the project
/// file names file:line:column and every error comes with a hint; the project directory holds
/// exactly what it held before (no .stagecraft, no state, no key).
/// </summary>
internal sealed partial class ValidateOracle
{
    // One catalog for every case, as one process would have; a case's guard against a hang only.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);
    private readonly Catalog _catalog = StagecraftCatalog.Create();
    private readonly FakeHostInfo _host = new();

    public ValidateOracle(string keyDirectory)
    {
        _host.Environment["STAGECRAFT_KEY_DIR"] = keyDirectory;
    }

    public async Task<FuzzVerdict> RunAsync(FuzzCase fuzzCase, FuzzDirectory directory)
    {
        var file = directory.ProjectFile;
        await File.WriteAllBytesAsync(file, fuzzCase.File);
        var args = fuzzCase.Args.Select(a => a.Replace("{file}", file, StringComparison.Ordinal)).ToArray();
        var output = new StringWriter();
        var error = new StringWriter();
        var cli = new CliContext
        {
            Out = output,
            Error = error,
            In = new StringReader(""),
            Host = _host,
            Time = TimeProvider.System,
            CatalogFactory = () => _catalog,
            Environment = name => _host.GetEnvironmentVariable(name),
            ForcedMode = OutputMode.Plain,
        };

        var violations = new List<string>();
        var crashed = false;
        var exit = -1;
        var clock = Stopwatch.StartNew();
        try
        {
            exit = await CliRunner.RunAsync(args, cli, CancellationToken.None).WaitAsync(HangGuard);
        }
        catch (TimeoutException)
        {
            violations.Add($"still running after {HangGuard}");
        }
        catch (Exception ex)
        {
            crashed = true;
            violations.Add($"escaped the CLI: {ex.GetType().Name}: {ex.Message}");
        }

        clock.Stop();
        var stderr = error.ToString();
        if (Crash().Match(stderr) is { Success: true } crash)
        {
            crashed = true;
            violations.Add("crashed: " + Shorten(crash.Value));
        }

        if (exit is not (0 or 2) && violations.Count == 0)
        {
            violations.Add($"exit {exit}: {FirstLine(stderr)}");
        }

        if (exit == 2)
        {
            violations.AddRange(CheckErrors(stderr, file, fileChecked: fuzzCase.Args.SequenceEqual(FuzzCase.ValidateFile)));
        }

        var left = directory.Changes();
        if (left.Count > 0)
        {
            violations.Add("wrote into the project directory: " + string.Join(", ", left));
            directory.Restore();
        }

        return new FuzzVerdict(exit, clock.Elapsed, violations, crashed);
    }

    private static IEnumerable<string> CheckErrors(string stderr, string file, bool fileChecked)
    {
        var lines = stderr.Split('\n');
        var errors = lines.Select((l, i) => (Line: l, Index: i)).Where(l => l.Line.Contains("error: ", StringComparison.Ordinal)).ToList();
        if (errors.Count == 0)
        {
            yield return "exit 2 without an error line: " + FirstLine(stderr);
            yield break;
        }

        if (!lines.Any(l => l.StartsWith("  hint: ", StringComparison.Ordinal)))
        {
            yield return "exit 2 without a hint: " + FirstLine(stderr);
        }

        foreach (var (line, index) in errors)
        {
            var located = line.StartsWith(file + ":", StringComparison.Ordinal) && Located().IsMatch(line[file.Length..]);
            if (fileChecked && !located)
            {
                yield return "an error of the project file without file:line:column: " + Shorten(line);
            }

            if (located && (index + 1 >= lines.Length || !lines[index + 1].StartsWith("  hint: ", StringComparison.Ordinal)))
            {
                yield return "an error in the file says nothing about what to do: " + Shorten(line);
            }
        }
    }

    private static string FirstLine(string text) => Shorten(text.Split('\n')[0]);

    private static string Shorten(string line) => line.Length > 200 ? line[..200] + "…" : line;

    // How the CLI reports an exception it did not expect (ErrorRenderer's last resort).
    [GeneratedRegex(@"error: unexpected [A-Za-z.]+: .*")]
    private static partial Regex Crash();

    [GeneratedRegex(@"^:\d+:\d+: error: ")]
    private static partial Regex Located();
}
