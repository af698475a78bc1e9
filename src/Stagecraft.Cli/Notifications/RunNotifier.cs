using System.Collections.Concurrent;

namespace Stagecraft.Cli.Notifications;

/// <summary>
/// Sends a run's events to the webhooks of its project and environment. Sending starts at once and
/// runs beside the deploy; <see cref="FinishAsync"/> waits for what is still on its way, at most the
/// policy's total, and returns the warnings. Nothing here ever fails a run. Each webhook hears the events
/// in the order they happened: an event waits until the one before it to the same hook was delivered or
/// given up, so a receiver never sees 'succeeded' before 'started' (a retried 'started' included).
/// </summary>
internal sealed class RunNotifier : IAsyncDisposable
{
    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly IReadOnlyList<ResolvedWebhook> _hooks;
    private readonly Func<string, string> _mask;
    private readonly TimeProvider _time;
    private readonly WebhookPolicy _policy;
    private readonly WebhookSender _sender;
    private readonly CancellationTokenSource _abandon = new();
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly List<Task> _deliveries = [];

    // The last delivery started for each hook (same index as _hooks); the next one to that hook waits for it.
    private readonly Task[] _lastDelivery;

    private RunNotifier(IReadOnlyList<ResolvedWebhook> hooks, IEnumerable<string> warnings, Func<string, string> mask, TimeProvider time, WebhookPolicy policy, HttpClient http)
    {
        _hooks = hooks;
        _mask = mask;
        _time = time;
        _policy = policy;
        _sender = new WebhookSender(http, time, policy);
        _lastDelivery = [.. hooks.Select(_ => Task.CompletedTask)];
        foreach (var warning in warnings)
        {
            _warnings.Enqueue(warning);
        }
    }

    public bool IsEmpty => _hooks.Count == 0 && _warnings.IsEmpty;

    /// <summary>Resolves the URLs and headers (secrets are registered with the masker as they are read).</summary>
    public static async Task<RunNotifier> CreateAsync(EnvironmentSession session, TimeProvider time, CancellationToken cancellationToken, WebhookPolicy? policy = null, HttpClient? http = null)
    {
        var hooks = new List<ResolvedWebhook>();
        var warnings = new List<string>();
        var definitions = session.Project.Notify.Concat(session.Environment.Notify).ToList();
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var label = $"notify #{i + 1} ({definition.Location})";
            var resolver = new ReferenceResolver(session.Scope);
            ResolvedScalar url;
            var headers = new List<KeyValuePair<string, string>>();
            try
            {
                url = await resolver.ResolveScalarAsync(definition.Url, cancellationToken).ConfigureAwait(false);
                foreach (var (name, value) in definition.Headers)
                {
                    headers.Add(new(name, (await resolver.ResolveScalarAsync(value, cancellationToken).ConfigureAwait(false)).Value));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A secret store that cannot answer costs the notification, never the run.
                warnings.Add($"{label}: not sent: {ex.Message}");
                continue;
            }

            if (resolver.HasErrors)
            {
                warnings.Add($"{label}: not sent: {resolver.Errors[0].Message}");
            }
            else if (!Uri.TryCreate(url.Value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                warnings.Add($"{label}: not sent: its url is not an http(s) URL");
            }
            else
            {
                hooks.Add(new ResolvedWebhook(label, uri, headers, definition.Format, definition.On));
            }
        }

        return new RunNotifier(hooks, warnings.Select(session.Masker.Apply), session.Masker.Apply, time, policy ?? WebhookPolicy.Default, http ?? SharedHttp);
    }

    /// <summary>Starts sending an event to every webhook that asked for it; returns at once.</summary>
    public void Send(RunEventMessage message)
    {
        for (var i = 0; i < _hooks.Count; i++)
        {
            var hook = _hooks[i];
            if (!hook.On.Contains(message.Event))
            {
                continue;
            }

            var body = _mask(WebhookBodies.For(hook.Format, message));
            lock (_deliveries)
            {
                var delivery = DeliverAsync(_lastDelivery[i], hook, RunEventMessage.EventName(message.Event), body);
                _lastDelivery[i] = delivery;
                _deliveries.Add(delivery);
            }
        }
    }

    /// <summary>Waits for deliveries still under way, at most the policy's total; returns every warning, masked.</summary>
    public async Task<IReadOnlyList<string>> FinishAsync()
    {
        Task[] pending;
        lock (_deliveries)
        {
            pending = [.. _deliveries];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(_policy.TotalWait, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            _warnings.Enqueue($"notifications: gave up waiting after {_policy.TotalWait.TotalSeconds:0} s; {pending.Count(t => !t.IsCompleted)} were not delivered");
        }

        return _warnings.Select(_mask).ToList();
    }

    public ValueTask DisposeAsync()
    {
        _abandon.Cancel();
        _abandon.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task DeliverAsync(Task previous, ResolvedWebhook hook, string eventName, string body)
    {
        // Off the caller's thread: the run goes on while this waits for the network.
        await Task.Yield();
        try
        {
            // A delivery never throws (it records its problem), so this only waits.
            await previous.ConfigureAwait(false);
            var problem = await _sender.SendAsync(hook.Url, hook.Headers, body, _abandon.Token).ConfigureAwait(false);
            if (problem is not null)
            {
                _warnings.Enqueue($"{hook.Label}: '{eventName}' not delivered: {problem}");
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Given up by FinishAsync, which says so.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _warnings.Enqueue($"{hook.Label}: '{eventName}' not delivered: {ex.Message}");
        }
    }

    private sealed record ResolvedWebhook(string Label, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, NotifyFormat Format, IReadOnlySet<NotifyEvent> On);
}
