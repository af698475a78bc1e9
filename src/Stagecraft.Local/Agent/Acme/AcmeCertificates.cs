using Microsoft.Extensions.Logging.Abstractions;

namespace Stagecraft.Local.Agent.Acme;

/// <summary>
/// ACME certificates kept in the agent's data (see <see cref="AcmeCertificateStore"/>): <see cref="EnsureAsync"/>
/// hands out the stored certificate until it is due (<see cref="RenewalSchedule"/>) and issues a new one when it is;
/// <see cref="RunRenewalsAsync"/>, which the agent runs for its lifetime, renews every host set it has handed out
/// when due, retrying failures on the backoff schedule, and raises <see cref="Renewed"/> after each renewal.
/// </summary>
public sealed class AcmeCertificates : IAcmeCertificates
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromHours(1);
    private readonly AcmeCertificateStore _store;
    private readonly IAcmeIssuer _issuer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, RenewalEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);

    // When the renewal loop's timer is due, in UTC ticks (0 when not waiting): one word, never read half-written.
    private long _waitingUntilTicks;

    /// <summary>The agent's ACME client: files under <c>acme/</c> of its data directory, challenges answered by its <c>http_listen</c>.</summary>
    public AcmeCertificates(AcmeContext agent)
        : this(DirectoryIn((agent ?? throw new ArgumentNullException(nameof(agent))).DataDirectory), agent.Challenges, agent.Time, agent.Logging.CreateLogger("Stagecraft.Agent.Acme"))
    {
    }

    public AcmeCertificates(string directory, Http01ChallengeStore challenges, TimeProvider time, ILogger? logger = null)
        : this(new AcmeCertificateStore(directory), null, challenges, time, logger)
    {
    }

    internal AcmeCertificates(AcmeCertificateStore store, IAcmeIssuer? issuer, Http01ChallengeStore challenges, TimeProvider time, ILogger? logger = null, AcmeClientOptions? options = null)
    {
        _store = store;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _issuer = issuer ?? new AcmeIssuer(store, challenges, options ?? AcmeClientOptions.Default, time);
    }

    public event Action<IReadOnlyList<string>, AcmeCertificate>? Renewed;

    /// <summary>Where the agent keeps them: <c>acme/</c> in its data directory.</summary>
    public static string DirectoryIn(string dataDirectory) => Path.Combine(dataDirectory, "acme");

    public async Task<AcmeCertificate> EnsureAsync(AcmeSettings settings, IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        var set = AcmeCertificateStore.Normalize(hosts);
        var gate = _locks.GetOrAdd(Key(set), _ => new SemaphoreSlim(1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var stored = _store.Load(settings.Directory, set)?.ToServed();
            var now = _time.GetUtcNow();
            if (stored is not null && !RenewalSchedule.IsDue(stored.Certificate.NotBefore, stored.Certificate.NotAfter, now))
            {
                Track(settings, set, stored);
                return stored;
            }

            try
            {
                var issued = await IssueAndStoreAsync(settings, set, cancellationToken);
                Track(settings, set, issued, justIssued: true);
                stored?.Dispose();
                return issued;
            }
            catch (AcmeException ex) when (stored is not null && now < stored.Certificate.NotAfter)
            {
                // Due but not expired: keep serving it and let the renewal loop try again on its schedule.
                Track(settings, set, stored);
                RecordFailure(_entries[Key(set)], ex);
                return stored;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>When the next renewal attempt of a host set is planned (null when it is not handed out); tests read it.</summary>
    internal DateTimeOffset? NextAttempt(IReadOnlyList<string> hosts) =>
        _entries.TryGetValue(Key(AcmeCertificateStore.Normalize(hosts)), out var entry) ? entry.NextAttempt : null;

    /// <summary>Renews due certificates until cancelled. Waits on the TimeProvider, waking early when a host set is added.</summary>
    public async Task RunRenewalsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            foreach (var entry in _entries.Values.Where(e => e.NextAttempt <= now).ToArray())
            {
                await RenewAsync(entry, cancellationToken);
            }

            var next = _entries.Values.Select(e => e.NextAttempt).DefaultIfEmpty(now + IdleWait).Min();
            var from = _time.GetUtcNow();
            var wait = next - from;
            await WaitAsync(from, wait < IdleWait ? wait : IdleWait, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task RenewAsync(RenewalEntry entry, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(Key(entry.Hosts), _ => new SemaphoreSlim(1));
        await gate.WaitAsync(cancellationToken);
        AcmeCertificate renewed;
        try
        {
            renewed = await IssueAndStoreAsync(entry.Settings, entry.Hosts, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RecordFailure(entry, ex);
            return;
        }
        finally
        {
            gate.Release();
        }

        Track(entry.Settings, entry.Hosts, renewed, justIssued: true);
        try
        {
            Renewed?.Invoke(entry.Hosts, renewed);
        }
        catch (Exception ex)
        {
            AcmeLog.HandlerFailed(_logger, string.Join(", ", entry.Hosts), ex);
        }
    }

    private void RecordFailure(RenewalEntry entry, Exception ex)
    {
        entry.Failures++;
        entry.NextAttempt = _time.GetUtcNow() + RenewalSchedule.RetryDelay(entry.Failures, entry.Lifetime);
        AcmeLog.RenewalFailed(_logger, string.Join(", ", entry.Hosts), entry.Failures, entry.NextAttempt, ex.Message);
    }

    private async Task<AcmeCertificate> IssueAndStoreAsync(AcmeSettings settings, IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        var issued = await _issuer.IssueAsync(settings, hosts, cancellationToken);
        var served = issued.ToServed();
        _store.Save(settings.Directory, hosts, issued);
        var certificate = served.Certificate;
        AcmeLog.Issued(_logger, string.Join(", ", hosts), certificate.NotAfter, RenewalSchedule.DueAt(certificate.NotBefore, certificate.NotAfter));
        return served;
    }

    private void Track(AcmeSettings settings, IReadOnlyList<string> hosts, AcmeCertificate served, bool justIssued = false)
    {
        var certificate = served.Certificate;
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        var next = RenewalSchedule.DueAt(notBefore, notAfter);
        var earliest = _time.GetUtcNow() + RenewalSchedule.RetryDelay(1, notAfter - notBefore);
        _entries[Key(hosts)] = new RenewalEntry(settings, hosts)
        {
            // A certificate that is due the moment it arrives (clock skew, a backdated start) must not be ordered again at once.
            NextAttempt = justIssued && next < earliest ? earliest : next,
            Lifetime = notAfter - notBefore,
        };
        _wake.Release();
    }

    /// <summary>
    /// When the renewal loop's timer is due, once it is armed (null while the loop works): a test that moves a
    /// fake clock waits for this first, since a clock moved before the timer exists would push the timer along.
    /// </summary>
    internal DateTimeOffset? WaitingUntil => Volatile.Read(ref _waitingUntilTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    private async Task WaitAsync(DateTimeOffset from, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, stop.Token);
        var woken = _wake.WaitAsync(stop.Token);
        Volatile.Write(ref _waitingUntilTicks, (from + (wait > TimeSpan.Zero ? wait : TimeSpan.Zero)).UtcTicks);
        await Task.WhenAny(timer, woken);
        Volatile.Write(ref _waitingUntilTicks, 0);
        await stop.CancelAsync();
        await Task.WhenAll(timer, woken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static string Key(IReadOnlyList<string> hosts) => string.Join('\n', hosts);

    private sealed class RenewalEntry(AcmeSettings settings, IReadOnlyList<string> hosts)
    {
        public AcmeSettings Settings { get; } = settings;

        public IReadOnlyList<string> Hosts { get; } = hosts;

        public DateTimeOffset NextAttempt { get; set; }

        public TimeSpan Lifetime { get; set; }

        public int Failures { get; set; }
    }
}
