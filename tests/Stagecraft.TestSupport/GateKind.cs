using System.Collections.Concurrent;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.State;

namespace Stagecraft.TestSupport;

/// <summary>
/// A kind the test drives: a stage with 'hold: true' waits in apply until the test releases it (or
/// the run is cancelled). Records "start X" / "finish X" events in order and the peak concurrency,
/// and lets a test await a stage's start or finish instead of sleeping.
/// </summary>
public sealed class GateKind : StageKind
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _finished = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _released = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _running;
    private volatile bool _releaseAll;

    public GateKind(string name = "gate")
    {
        Name = name;
    }

    public override string Name { get; }

    public override string Version => "1";

    public override string Summary => "a test kind the test starts, holds and releases";

    public override KindSchema Schema { get; } = new(
        new FieldSpec("value", FieldType.String, "any text"),
        new FieldSpec("produce", FieldType.StringMap, "outputs to produce"),
        new FieldSpec("hold", FieldType.Boolean, "wait in apply until the test releases this stage"),
        new FieldSpec("fail", FieldType.String, "fail with this message"));

    public ConcurrentQueue<string> Events { get; } = new();

    public int PeakConcurrency { get; private set; }

    public IReadOnlyList<string> Started => Events.Where(e => e.StartsWith("start ", StringComparison.Ordinal)).Select(e => e[6..]).ToList();

    public Task WhenStarted(string stage) => Signal(_started, stage).Task;

    public Task WhenFinished(string stage) => Signal(_finished, stage).Task;

    public void Release(string stage) => Signal(_released, stage).TrySetResult();

    /// <summary>Releases every held stage, including those that start later.</summary>
    public void ReleaseAll()
    {
        _releaseAll = true;
        foreach (var release in _released.Values)
        {
            release.TrySetResult();
        }
    }

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            PeakConcurrency = Math.Max(PeakConcurrency, ++_running);
            Events.Enqueue("start " + context.Stage);
        }

        Signal(_started, context.Stage).TrySetResult();
        try
        {
            var release = Signal(_released, context.Stage);
            if (context.Settings.Boolean("hold") == true && !_releaseAll)
            {
                await release.Task.WaitAsync(cancellationToken);
            }

            if (context.Settings.String("fail") is { } message)
            {
                throw new StageFailedException(message);
            }

            var outputs = context.Settings.ScalarMap("produce")?.ToDictionary(p => p.Key, p => new OutputValue(p.Value.Value, p.Value.Sensitive))
                ?? new Dictionary<string, OutputValue>();
            return StageOutcome.Done(outputs);
        }
        finally
        {
            lock (_gate)
            {
                _running--;
                Events.Enqueue("finish " + context.Stage);
            }

            Signal(_finished, context.Stage).TrySetResult();
        }
    }

    private static TaskCompletionSource Signal(ConcurrentDictionary<string, TaskCompletionSource> signals, string stage) =>
        signals.GetOrAdd(stage, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
