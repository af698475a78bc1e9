using System.Diagnostics;
using System.Text.RegularExpressions;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Packaging;

/// <summary>
/// Runs scripts/pack.sh once for the tests that use its output: the tool package for linux-x64 only and both
/// single-file binaries, all without ReadyToRun: precompiling is most of a pack's time and proves nothing the
/// tests check (installing, running, the arm64 header); releases keep it (scripts/pack.sh's defaults).
/// </summary>
public sealed partial class PackedArtifacts : IAsyncLifetime
{
    private readonly TempDirectory _work = new("stagecraft-pack");

    public string Directory => _work.Combine("artifacts");

    private Task<CliResult>? _pack;

    public TimeSpan Duration { get; private set; }

    public string Combine(params string[] parts) => _work.Combine(parts);

    /// <summary>The version of the tool package (from the pointer package's file name, stagecraft.VERSION.nupkg).</summary>
    public string PackageVersion =>
        System.IO.Directory.GetFiles(Directory, "stagecraft.*.nupkg").Select(f => PointerPackage().Match(Path.GetFileName(f)))
            .Single(m => m.Success).Groups["version"].Value;

    /// <summary>Variables for every program run from the artifacts: a private NuGet cache and bundle extraction folder.</summary>
    public Dictionary<string, string> Environment => new()
    {
        // A fresh package cache, or an install would reuse a tool package of the same version cached by an earlier run.
        ["NUGET_PACKAGES"] = _work.Combine("nuget-packages"),
        ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = _work.Combine("extract"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <summary>Packs on first use only, so that a run whose packaging tests are filtered out or skipped packs nothing.</summary>
    public Task<CliResult> PackAsync()
    {
        lock (_work)
        {
            return _pack ??= RunPackAsync();
        }
    }

    private async Task<CliResult> RunPackAsync()
    {
        var environment = new Dictionary<string, string>(Environment)
        {
            ["STAGECRAFT_TOOL_RIDS"] = "linux-x64",
            ["STAGECRAFT_BINARY_RIDS"] = "linux-x64 linux-arm64",
            ["STAGECRAFT_PLAIN_RIDS"] = "linux-x64 linux-arm64",
            ["STAGECRAFT_TOOL_READYTORUN"] = "false",
        };
        environment.Remove("NUGET_PACKAGES"); // the build restores from the machine's cache as every build does
        var clock = Stopwatch.StartNew();
        using var pack = CliProcess.StartRaw(Repository.Root, environment, "bash", Path.Combine(Repository.Root, "scripts", "pack.sh"), Directory);
        // A last-resort guard only: packing compiles the CLI three times, on a loaded machine.
        var result = await pack.WaitAsync(TimeSpan.FromMinutes(45));
        Duration = clock.Elapsed;
        return result;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _work.Dispose();
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"^stagecraft\.(?<version>\d+\.\d+\.\d+)\.nupkg$")]
    private static partial Regex PointerPackage();
}
