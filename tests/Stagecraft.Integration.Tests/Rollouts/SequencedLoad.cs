using System.Collections.Concurrent;
using System.Net;

namespace Stagecraft.Integration.Tests.Rollouts;

/// <summary>
/// Bounded continuous GET / traffic that numbers each request as it starts, so a test can say which requests
/// started after a point (read <see cref="Started"/> then) and which release served each one (its X-Version).
/// </summary>
internal sealed class SequencedLoad : IAsyncDisposable
{
    private const long MaxRequests = 200_000;
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers;
    private long _started;

    private SequencedLoad(Uri url, int workers, CookieContainer? cookies)
    {
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(RunAsync)).ToList();
    }

    /// <summary>Every request that finished: its start number, status (0: no answer) and the version that answered.</summary>
    public ConcurrentQueue<Served> Results { get; } = new();

    public long Started => Interlocked.Read(ref _started);

    public static SequencedLoad Start(Uri url, int workers = 4, CookieContainer? cookies = null) => new(url, workers, cookies);

    public Task WaitForAsync(int more)
    {
        var target = Results.Count + more;
        return TestSupport.Eventually.TrueAsync(() => Results.Count >= target, TimeSpan.FromSeconds(60), $"{more} more requests");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(60));
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var number = Interlocked.Increment(ref _started);
            if (number > MaxRequests)
            {
                return;
            }

            try
            {
                // Not cancelled by the stop token: a request begun is let finish.
                using var response = await _client.GetAsync("", CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                var version = response.Headers.TryGetValues("X-Version", out var values) ? values.First() : null;
                Results.Enqueue(new Served(number, (int)response.StatusCode, version, body));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                Results.Enqueue(new Served(number, 0, null, ex.Message));
            }
        }
    }
}

internal sealed record Served(long Number, int Status, string? Version, string Body)
{
    public bool Ok => Status is >= 200 and < 300;
}
