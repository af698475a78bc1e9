using System.Collections.Concurrent;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.References;
using Stagecraft.Core.State;

namespace Stagecraft.TestSupport;

/// <summary>
/// A kind whose behaviour is written in the stage: 'produce' gives outputs, 'fail' fails with a
/// message, 'delay' waits (cancellably). It records every apply and the peak concurrency.
/// </summary>
public sealed class ScriptedKind : StageKind
{
    private int _running;

    public ScriptedKind(string name = "fake", int? maxConcurrency = null, IReadOnlyList<string>? targets = null)
    {
        Name = name;
        MaxConcurrency = maxConcurrency;
        Targets = targets;
    }

    public override string Name { get; }

    public override string Version { get; } = "1";

    public override string Summary => "test kind";

    public override int? MaxConcurrency { get; }

    public override IReadOnlyList<string>? Targets { get; }

    public override KindSchema Schema { get; } = new(
        new FieldSpec("value", FieldType.String, "any text"),
        new FieldSpec("items", FieldType.StringList, "a list"),
        new FieldSpec("env", FieldType.StringMap, "a map"),
        new FieldSpec("produce", FieldType.StringMap, "outputs to produce"),
        new FieldSpec("fail", FieldType.String, "fail with this message"),
        new FieldSpec("delay", FieldType.Duration, "wait this long"),
        new FieldSpec("count", FieldType.Integer, "a number"),
        new FieldSpec("enabled", FieldType.Boolean, "a flag"),
        new FieldSpec("run", FieldType.Argv, "a command"),
        new FieldSpec("mode", FieldType.String, "one of a, b") { Allowed = ["a", "b"] },
        new FieldSpec("health", FieldType.Object, "nested") { Nested = new KindSchema(new FieldSpec("path", FieldType.String, "a path", Required: true), new FieldSpec("interval", FieldType.Duration, "how often")) },
        new FieldSpec("required_when_set", FieldType.String, "unused"));

    public ConcurrentQueue<(string Stage, ResolvedMap Settings)> Applied { get; } = new();

    public ConcurrentQueue<string> Destroyed { get; } = new();

    public int PeakConcurrency { get; private set; }

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _running);
        lock (Applied)
        {
            PeakConcurrency = Math.Max(PeakConcurrency, now);
        }

        try
        {
            Applied.Enqueue((context.Stage, context.Settings));
            if (context.Settings.Duration("delay") is { } delay)
            {
                await Task.Delay(delay, cancellationToken);
            }

            if (context.Settings.String("fail") is { } message)
            {
                throw new StageFailedException(message, ["detail line"]);
            }

            var outputs = context.Settings.ScalarMap("produce")?.ToDictionary(p => p.Key, p => new OutputValue(p.Value.Value, p.Value.Sensitive))
                ?? new Dictionary<string, OutputValue>();
            return StageOutcome.Done(outputs);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public override Task DestroyAsync(StageContext context, CancellationToken cancellationToken)
    {
        Destroyed.Enqueue(context.Stage);
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> AppliedStages => Applied.Select(a => a.Stage).ToList();
}
