using System.Net;
using System.Net.Http.Headers;

namespace Stagecraft.Cli.Notifications;

/// <summary>
/// POSTs one body to one webhook: retries with doubling backoff on 5xx, 429, timeouts and connection
/// errors; gives up at once on other 4xx. Returns null when delivered, else why not (unmasked: the
/// caller masks it). All waiting goes through the TimeProvider, so tests control it.
/// </summary>
internal sealed class WebhookSender(HttpClient http, TimeProvider time, WebhookPolicy policy)
{
    public async Task<string?> SendAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, string body, CancellationToken cancellationToken)
    {
        string? problem = null;
        for (var attempt = 1; attempt <= policy.Attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(policy.Backoff(attempt - 1), time, cancellationToken).ConfigureAwait(false);
            }

            bool retry;
            (problem, retry) = await AttemptAsync(url, headers, body, cancellationToken).ConfigureAwait(false);
            if (problem is null)
            {
                return null;
            }

            if (!retry)
            {
                return problem;
            }
        }

        return $"{problem} (after {policy.Attempts} attempts)";
    }

    private async Task<(string? Problem, bool Retry)> AttemptAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, string body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(policy.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (null, false);
            }

            var retry = code >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
            return ($"HTTP {code} {response.ReasonPhrase}".TrimEnd(), retry);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ($"no answer within {policy.AttemptTimeout.TotalSeconds:0.#} s", true);
        }
        catch (HttpRequestException ex)
        {
            return (ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}", true);
        }
    }
}
