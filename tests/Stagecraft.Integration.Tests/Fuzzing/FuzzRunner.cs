using System.Diagnostics;
using System.Text;
using CsCheck;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Fuzzing;

/// <summary>The figures of one fuzzing run.</summary>
internal sealed record FuzzReport(
    string Seed, int Cases, int Crashes, int BadExits, int ExitZero, int ExitTwo, TimeSpan Duration,
    TimeSpan Slowest, string SlowestCase, IReadOnlyList<string> Failures, IReadOnlyList<string> SlowCases)
{
    public override string ToString() => new StringBuilder()
        .AppendLine($"seed {Seed}: {Cases} cases in {Duration.TotalSeconds:F1} s; exit 0: {ExitZero}, exit 2: {ExitTwo}")
        .AppendLine($"crashes: {Crashes}; exits other than 0/2: {BadExits}; cases breaking the property: {Failures.Count}")
        .AppendLine($"slowest case: {Slowest.TotalMilliseconds:F0} ms ({SlowestCase})")
        .AppendLine("slow cases:").AppendJoin('\n', SlowCases).AppendLine()
        .AppendJoin('\n', Failures.Take(30))
        .ToString();
}

/// <summary>
/// Generates cases with CsCheck from one seed and runs them through <see cref="ValidateOracle"/>.
/// Each case draws its own 64-bit seed from the run's, so any case is reproduced alone from the
/// seed printed beside it (STAGECRAFT_FUZZ_CASE).
/// </summary>
internal static class FuzzRunner
{
    public static Gen<FuzzCase> Cases(IReadOnlyList<FuzzSeed> seeds)
    {
        var examples = seeds.Where(s => s.Source.StartsWith("examples", StringComparison.Ordinal)).ToList();
        var fileCase =
            from index in Gen.Int[0, seeds.Count - 1]
            from mutations in YamlMutations.Any.Array[1, 4]
            select Build(seeds[index], mutations, FuzzCase.ValidateFile);
        var commandLineCase =
            from index in Gen.Int[0, examples.Count - 1]
            from args in CommandLines.Any
            select Build(examples[index], [], args);
        return Gen.Frequency((4, (IGen<FuzzCase>)fileCase), (1, commandLineCase));
    }

    private static FuzzCase Build(FuzzSeed seed, Mutation[] mutations, string[] args)
    {
        var bytes = Encoding.UTF8.GetBytes(seed.Text);
        foreach (var mutation in mutations)
        {
            bytes = mutation.Apply(bytes);
        }

        return new FuzzCase("", seed.Source, seed.Home, mutations, bytes, args);
    }

    public static FuzzCase Generate(Gen<FuzzCase> cases, ulong caseSeed) =>
        cases.Generate(new PCG(1, caseSeed), null, out _) with { Seed = caseSeed.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) };

    public static async Task<FuzzReport> RunAsync(ulong seed, int count, int workers, CancellationToken cancellationToken)
    {
        var cases = Cases(FuzzSeeds.Load());
        var master = new PCG(1, seed);
        var caseSeeds = Enumerable.Range(0, count).Select(_ => master.Next64()).ToArray();
        var next = -1;
        var results = new FuzzVerdict[count];
        var generated = new FuzzCase?[count];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            using var keys = new TempDirectory("stagecraft-fuzz-keys");
            using var workspace = new FuzzWorkspace();
            var oracle = new ValidateOracle(keys.Path);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !cancellationToken.IsCancellationRequested)
            {
                var fuzzCase = Generate(cases, caseSeeds[i]);
                results[i] = await oracle.RunAsync(fuzzCase, workspace.For(fuzzCase.Home));
                // Keep the bytes of failing and slow cases only: a long run must not hold every file.
                generated[i] = results[i].Violations.Count > 0 ? fuzzCase : fuzzCase with { File = [] };
            }
        }, cancellationToken)));
        clock.Stop();

        var ran = Enumerable.Range(0, count).Where(i => results[i] is not null).ToList();
        var slowest = ran.MaxBy(i => results[i].Took);
        var failures = ran.Where(i => results[i].Violations.Count > 0)
            .Select(i => $"{generated[i]}\n  -> {string.Join("\n  -> ", results[i].Violations)}").ToList();
        return new FuzzReport(
            seed.ToString(System.Globalization.CultureInfo.InvariantCulture), ran.Count,
            ran.Count(i => results[i].Crashed), ran.Count(i => results[i].Exit is not (0 or 2)),
            ran.Count(i => results[i].Exit == 0), ran.Count(i => results[i].Exit == 2), clock.Elapsed,
            results[slowest].Took, generated[slowest]!.ToString(), failures,
            ran.OrderByDescending(i => results[i].Took).Take(8).Select(i => $"  {results[i].Took.TotalMilliseconds:F0} ms: {generated[i]}").ToList());
    }
}
