using Microsoft.Extensions.Time.Testing;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>A fake clock that counts the timers shorter than a limit (the sender's backoffs), so a test advances only once one waits.</summary>
internal sealed class BackoffClock(TimeSpan shorterThan) : TimeProvider
{
    private readonly FakeTimeProvider _fake = new();
    private int _waits;

    public int Waits => Volatile.Read(ref _waits);

    public void Advance(TimeSpan by) => _fake.Advance(by);

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime < shorterThan)
        {
            Interlocked.Increment(ref _waits);
        }

        return timer;
    }
}
