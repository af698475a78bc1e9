namespace Stagecraft.Aws.Polling;

/// <summary>
/// A stage's 'timeout': work runs under a token that also fires when it expires, and expiry
/// becomes a clear failure instead of looking like Ctrl-C.
/// </summary>
internal sealed class StageDeadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public StageDeadline(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        Limit = limit;
        _timer = new CancellationTokenSource(limit, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
        Outer = cancellationToken;
    }

    public TimeSpan Limit { get; }

    public CancellationToken Token => _linked.Token;

    private CancellationToken Outer { get; }

    public async Task<T> RunAsync<T>(string waitingFor, Func<CancellationToken, Task<T>> work)
    {
        try
        {
            return await work(Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_timer.IsCancellationRequested && !Outer.IsCancellationRequested)
        {
            throw new StageFailedException($"{AwsErrorCode.TimedOut}: timed out after {DurationText.Format(Limit)} waiting for {waitingFor}",
                hint: "raise the stage's 'timeout' if it needs longer; the operation may still be running in AWS, and the next deploy picks it up");
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
