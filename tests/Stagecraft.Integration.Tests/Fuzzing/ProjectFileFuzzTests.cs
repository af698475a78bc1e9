using Stagecraft.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Stagecraft.Integration.Tests.Fuzzing;

/// <summary>
/// Mutated project files and command lines never crash validate: it exits 0 or 2, an exit 2 names
/// file:line:column and what to do, and nothing is written. The suite runs a fixed-seed subset;
/// bench/fuzz/run.sh runs as many cases as asked (STAGECRAFT_FUZZ_CASES, STAGECRAFT_FUZZ_SEED,
/// STAGECRAFT_FUZZ_WORKERS) and writes the figures to STAGECRAFT_FUZZ_REPORT.
/// </summary>
public sealed class ProjectFileFuzzTests(ITestOutputHelper output)
{
    private const ulong SuiteSeed = 20261203;
    private const int SuiteCases = 2000;

    [Fact]
    public void Every_example_and_docs_snippet_is_a_seed()
    {
        var seeds = FuzzSeeds.Load();

        seeds.Select(s => s.Source).Should().Contain(s => s.StartsWith("examples", StringComparison.Ordinal))
            .And.Contain(s => s.StartsWith("docs/kinds/", StringComparison.Ordinal))
            .And.Contain(s => s.StartsWith("docs/project-file.md", StringComparison.Ordinal));
        Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "stagecraft.yml", SearchOption.AllDirectories).Length
            .Should().Be(seeds.Count(s => s.Source.StartsWith("examples", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Validate_exits_0_or_2_with_located_errors_and_writes_nothing_for_mutated_input()
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("STAGECRAFT_FUZZ_SEED"), out var s) ? s : SuiteSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("STAGECRAFT_FUZZ_CASES"), out var c) ? c : SuiteCases;
        var workers = int.TryParse(Environment.GetEnvironmentVariable("STAGECRAFT_FUZZ_WORKERS"), out var w) ? w : 1;
        var workingDirectory = Directory.GetFileSystemEntries(Environment.CurrentDirectory).Order(StringComparer.Ordinal).ToList();

        var report = await FuzzRunner.RunAsync(seed, count, workers, CancellationToken.None);

        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("STAGECRAFT_FUZZ_REPORT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, report.ToString());
        }

        report.Cases.Should().Be(count);
        report.Failures.Should().BeEmpty(report.ToString());
        Directory.GetFileSystemEntries(Environment.CurrentDirectory).Order(StringComparer.Ordinal).Should()
            .Equal(workingDirectory, "a relative -f never makes validate write into the working directory");
    }

    [Fact]
    public async Task One_case_is_reproduced_alone_from_its_seed()
    {
        if (Environment.GetEnvironmentVariable("STAGECRAFT_FUZZ_CASE") is not { Length: > 0 } hex)
        {
            return;
        }

        var fuzzCase = FuzzRunner.Generate(FuzzRunner.Cases(FuzzSeeds.Load()), Convert.ToUInt64(hex, 16));
        using var keys = new Stagecraft.TestSupport.TempDirectory();
        using var workspace = new FuzzWorkspace();
        var verdict = await new ValidateOracle(keys.Path).RunAsync(fuzzCase, workspace.For(fuzzCase.Home));

        output.WriteLine(fuzzCase.ToString());
        verdict.Violations.Should().BeEmpty(fuzzCase.ToString());
    }
}
