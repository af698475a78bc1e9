namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// One instance of a release on its own loopback port. Before it goes live it only runs (a green that
/// exits fails its release); once <see cref="Supervise"/> is called an unexpected exit restarts it with
/// backoff, and a crash loop leaves it failed.
/// </summary>
internal sealed class SupervisedInstance(int index, int port, InstanceLaunch launch, RotatingLog log, RestartPolicy policy, TimeProvider time, IInstanceObserver observer) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private InstanceProcess? _current;
    private long _startedAt;
    private Task _supervision = Task.CompletedTask;
    private volatile InstanceState _state = InstanceState.Starting;

    public int Index { get; } = index;

    public int Port { get; } = port;

    public Uri Uri { get; } = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    public RotatingLog Log { get; } = log;

    public InstanceState State => _state;

    public int Restarts { get; private set; }

    public string? LastExit { get; private set; }

    public InstanceProcess? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Starts the first process; throws <see cref="InstanceStartException"/> when it cannot.</summary>
    public void Start()
    {
        Launch();
        _state = InstanceState.Running;
    }

    /// <summary>From now on an unexpected exit restarts the instance.</summary>
    public void Supervise()
    {
        _supervision = Task.Run(() => SuperviseAsync(_stopping.Token));
    }

    /// <summary>Stops supervision, then the process group: SIGTERM, SIGKILL after <paramref name="stopTimeout"/>.</summary>
    public async Task StopAsync(TimeSpan stopTimeout)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _supervision.ConfigureAwait(false);
        var process = Current;
        if (process is not null && !process.HasExited)
        {
            var started = time.GetTimestamp();
            if (await process.StopAsync(stopTimeout).ConfigureAwait(false))
            {
                Ended(process);
                Log.Write($"# stopped pid {process.Pid}: {LastExit} after {time.GetElapsedTime(started).TotalSeconds:0.##}s", "agent");
            }
            else
            {
                Log.Write($"# pid {process.Pid} was killed but had not ended {time.GetElapsedTime(started).TotalSeconds:0.##}s later", "agent");
            }
        }
        else if (process is not null)
        {
            Ended(process);
        }

        process?.Dispose();

        _state = InstanceState.Stopped;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        Log.Dispose();
        _stopping.Dispose();
    }

    public static string DescribeExit(int code) => code > 128 && code < 160
        ? $"killed by signal {code - 128}"
        : $"exited with code {code}";

    private void Launch()
    {
        var process = InstanceProcess.Start(launch, Log);
        lock (_gate)
        {
            _current = process;
            _startedAt = time.GetTimestamp();
        }

        Log.Write($"# started pid {process.Pid} on port {Port}", "agent");
        observer.ProcessStarted(this, process);
    }

    private void Ended(InstanceProcess process)
    {
        if (process.Exited.IsCompletedSuccessfully)
        {
            LastExit = DescribeExit(process.Exited.Result);
        }

        observer.ProcessEnded(this, process);
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var quickExits = 0;
        while (!stopping.IsCancellationRequested)
        {
            var process = Current;
            if (process is not null)
            {
                try
                {
                    await process.Exited.WaitAsync(stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                Ended(process);
                Log.Write($"# pid {process.Pid} {LastExit}", "agent");

                // Its replacement overwrites Current: the ended one's handle goes now.
                process.Dispose();
            }

            quickExits = time.GetElapsedTime(_startedAt) < policy.StableAfter ? quickExits + 1 : 1;
            observer.Down(this);
            if (quickExits >= policy.MaxQuickExits)
            {
                _state = InstanceState.Failed;
                Log.Write($"# crash loop: {quickExits} exits in a row, each within {policy.StableAfter.TotalSeconds:0.#}s of starting; not restarted again", "agent");
                observer.CrashLooping(this);
                return;
            }

            _state = InstanceState.Restarting;
            try
            {
                await Task.Delay(policy.DelayFor(quickExits), time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                Launch();
                Restarts++;
                _state = InstanceState.Running;
                observer.Restarted(this);
            }
            catch (InstanceStartException ex)
            {
                Log.Write("# restart failed: " + ex.Message, "agent");
                lock (_gate)
                {
                    _current = null;
                    _startedAt = time.GetTimestamp();
                }
            }
        }
    }
}
