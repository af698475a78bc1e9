using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>
/// Continuous traffic against a service while the test releases it: workers alternate keep-alive and
/// fresh connections, GET / and POST /echo with random bodies (checked on return). Every non-2xx answer
/// and every socket error is recorded; so is which version served each request, in order.
/// </summary>
public sealed class LoadClient : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers;
    private long _completed;

    private LoadClient(Uri url, int workers)
    {
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _workers = Enumerable.Range(0, workers).Select(w => Task.Run(() => RunAsync(w))).ToList();
    }

    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>(milliseconds since start, version) of each successful GET, in completion order.</summary>
    public ConcurrentQueue<(long At, string Version)> Served { get; } = new();

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public long Completed => Interlocked.Read(ref _completed);

    public static LoadClient Start(Uri url, int workers = 6) => new(url, workers);

    /// <summary>Waits until <paramref name="more"/> further requests completed (or, unless told otherwise, one failed).</summary>
    public Task WaitForAsync(long more, bool stopOnFailure = true)
    {
        var target = Completed + more;
        var failures = Failures.Count;
        return Eventually.TrueAsync(() => Completed >= target || (stopOnFailure && Failures.Count > failures), TimeSpan.FromSeconds(60), $"{more} more requests");
    }

    public IReadOnlyCollection<string> VersionsSince(long millis) => Served.Where(s => s.At >= millis).Select(s => s.Version).Distinct().ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(60));
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(int worker)
    {
        for (var i = worker; !_stop.IsCancellationRequested; i++)
        {
            try
            {
                await OneAsync(i);
                Interlocked.Increment(ref _completed);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Failures.Enqueue($"{Clock.ElapsedMilliseconds} ms, request {i} of worker {worker}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private async Task OneAsync(int i)
    {
        var post = i % 3 == 2;
        using var request = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, post ? "echo" : "");
        request.Headers.ConnectionClose = i % 4 >= 2;
        byte[]? sent = null;
        if (post)
        {
            sent = new byte[Random.Shared.Next(1, 64 * 1024)];
            Random.Shared.NextBytes(sent);
            request.Content = new ByteArrayContent(sent);
        }

        // Not cancelled by the stop token: a request begun is let finish, so shutdown is never counted as a failure.
        using var response = await _client.SendAsync(request, CancellationToken.None);
        var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
        if (response.StatusCode is < HttpStatusCode.OK or >= HttpStatusCode.Ambiguous)
        {
            throw new InvalidOperationException($"status {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        if (sent is not null && !body.AsSpan().SequenceEqual(sent))
        {
            throw new InvalidOperationException($"echo mismatch: sent {sent.Length} bytes, got {body.Length}");
        }

        if (!post && response.Headers.TryGetValues("X-Version", out var versions))
        {
            Served.Enqueue((Clock.ElapsedMilliseconds, versions.First()));
        }
    }
}
