using System.Text.Json.Nodes;

namespace Stagecraft.Local.Agent.Acme;

/// <summary>
/// A small ACME (RFC 8555) client for one directory and one account: registers (or finds) the account, orders a
/// certificate for a set of host names, answers their HTTP-01 challenges through the <see cref="Http01ChallengeStore"/>,
/// finalizes with a CSR for a fresh key and downloads the PEM chain.
/// </summary>
internal sealed class AcmeClient(AcmeSettings settings, AcmeAccountKey key, Http01ChallengeStore challenges, AcmeClientOptions options, TimeProvider time, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly AcmeSettings _settings = settings;
    private readonly AcmeAccountKey _key = key;
    private readonly Http01ChallengeStore _challenges = challenges;
    private readonly AcmeClientOptions _options = options;
    private readonly TimeProvider _time = time;
    private readonly AcmeTransport _transport = new AcmeTransport(settings.Directory, handler ?? AcmeTrust.CreateHandler(settings.CaBundlePath), options, time);
    private string? _accountUrl;

    public int BadNonceRetries => _transport.BadNonceRetries;

    /// <summary>The account URL (the JWS <c>kid</c>): newAccount answers with the existing account when the key already has one.</summary>
    public async Task<string> AccountAsync(CancellationToken cancellationToken)
    {
        if (_accountUrl is null)
        {
            var directory = await _transport.DirectoryAsync(cancellationToken);
            var payload = new JsonObject { ["termsOfServiceAgreed"] = true };
            if (_settings.Email is { Length: > 0 } email)
            {
                payload["contact"] = new JsonArray("mailto:" + email);
            }

            var response = await _transport.PostAsync(directory.NewAccount, _key, null, payload, "creating the ACME account", cancellationToken);
            _accountUrl = response.Location?.AbsoluteUri ?? throw new AcmeException("the ACME server created the account but sent no Location (account URL)");
        }

        return _accountUrl;
    }

    public async Task<IssuedCertificate> IssueAsync(IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", hosts);
        var accountUrl = await AccountAsync(cancellationToken);
        var directory = await _transport.DirectoryAsync(cancellationToken);
        var identifiers = new JsonArray([.. hosts.Select(host => (JsonNode)new JsonObject { ["type"] = "dns", ["value"] = host })]);
        var created = await _transport.PostAsync(directory.NewOrder, _key, accountUrl, new JsonObject { ["identifiers"] = identifiers }, $"the order for {names}", cancellationToken);
        var orderUrl = created.Location ?? throw new AcmeException($"the ACME server accepted the order for {names} but sent no Location (order URL)");
        var order = created.Json();

        if (order.TryGetProperty("authorizations", out var authorizations) && authorizations.ValueKind == JsonValueKind.Array)
        {
            foreach (var authorization in authorizations.EnumerateArray())
            {
                await AuthorizeAsync(new Uri(authorization.GetString()!), accountUrl, cancellationToken);
            }
        }

        order = await PollAsync(orderUrl, accountUrl, order, null, status => status is not "pending", $"the order for {names}", cancellationToken);
        ThrowIfInvalid(order, "error", $"the order for {names}");

        using var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new JsonObject { ["csr"] = System.Buffers.Text.Base64Url.EncodeToString(AcmeCsr.Create(certificateKey, hosts)) };
        var finalized = await _transport.PostAsync(AcmeResponse.RequiredUrl(order, "finalize", "order"), _key, accountUrl, csr, $"finalizing the order for {names}", cancellationToken);
        order = await PollAsync(orderUrl, accountUrl, finalized.Json(), finalized.RetryAfter, status => status is not ("pending" or "ready" or "processing"), $"the order for {names}", cancellationToken);
        ThrowIfInvalid(order, "error", $"the order for {names}");

        var download = await _transport.PostAsync(AcmeResponse.RequiredUrl(order, "certificate", "valid order"), _key, accountUrl, null,
            $"downloading the certificate for {names}", cancellationToken, accept: "application/pem-certificate-chain");
        if (!download.Body.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new AcmeException($"the ACME server's certificate for {names} is not a PEM chain");
        }

        return new IssuedCertificate(download.Body, certificateKey.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose() => _transport.Dispose();

    /// <summary>Proves control of one name over HTTP-01, unless the server already holds a valid authorization for it.</summary>
    private async Task AuthorizeAsync(Uri url, string accountUrl, CancellationToken cancellationToken)
    {
        var authorization = (await _transport.PostAsync(url, _key, accountUrl, null, "fetching an authorization", cancellationToken)).Json();
        var host = authorization.TryGetProperty("identifier", out var identifier) ? AcmeResponse.Text(identifier, "value") : url.AbsoluteUri;
        if (AcmeResponse.Text(authorization, "status") == "valid")
        {
            return;
        }

        var challenge = Http01Challenge(authorization)
            ?? throw new AcmeException($"the ACME server offers no http-01 challenge for {host}: only HTTP-01 is supported (a wildcard name needs DNS-01; use certificate files)");
        var token = AcmeResponse.Text(challenge, "token") ?? throw new AcmeException($"the http-01 challenge for {host} has no token");
        _challenges.Put(token, _key.KeyAuthorization(token));
        try
        {
            var answered = await _transport.PostAsync(AcmeResponse.RequiredUrl(challenge, "url", "challenge"), _key, accountUrl, new JsonObject(), $"answering the http-01 challenge for {host}", cancellationToken);
            authorization = await PollAsync(url, accountUrl, authorization, answered.RetryAfter, status => status is not "pending", $"the authorization of {host}", cancellationToken);
            if (AcmeResponse.Text(authorization, "status") != "valid")
            {
                var failed = Http01Challenge(authorization) is { } c && c.TryGetProperty("error", out var error) ? AcmeProblem.From(error) : null;
                throw failed?.ToException($"the ACME server could not validate {host} over HTTP-01")
                    ?? new AcmeException($"the authorization of {host} ended '{AcmeResponse.Text(authorization, "status")}'");
            }
        }
        finally
        {
            _challenges.Remove(token);
        }
    }

    private static JsonElement? Http01Challenge(JsonElement authorization) =>
        authorization.TryGetProperty("challenges", out var challenges) && challenges.ValueKind == JsonValueKind.Array
            ? challenges.EnumerateArray().Where(c => AcmeResponse.Text(c, "type") == "http-01").Cast<JsonElement?>().FirstOrDefault()
            : null;

    private static void ThrowIfInvalid(JsonElement resource, string errorField, string what)
    {
        if (AcmeResponse.Text(resource, "status") == "invalid")
        {
            var problem = resource.TryGetProperty(errorField, out var error) ? AcmeProblem.From(error) : null;
            throw problem?.ToException($"{what} became invalid") ?? new AcmeException($"{what} became invalid, without a problem document");
        }
    }

    /// <summary>Asks for a resource again until its status settles, waiting Retry-After (capped) or the poll interval between asks.</summary>
    private async Task<JsonElement> PollAsync(Uri url, string accountUrl, JsonElement current, TimeSpan? retryAfter, Func<string?, bool> settled, string what, CancellationToken cancellationToken)
    {
        for (var polls = 0; ; polls++)
        {
            var status = AcmeResponse.Text(current, "status");
            if (settled(status))
            {
                return current;
            }

            if (polls >= _options.MaxPolls)
            {
                throw new AcmeException($"{what} was still '{status}' after {polls} polls; the ACME server may be overloaded, the next attempt tries again");
            }

            await Task.Delay(PollDelay(retryAfter, _options), _time, cancellationToken);
            var response = await _transport.PostAsync(url, _key, accountUrl, null, $"polling {what}", cancellationToken);
            current = response.Json();
            retryAfter = response.RetryAfter;
        }
    }

    internal static TimeSpan PollDelay(TimeSpan? retryAfter, AcmeClientOptions options) =>
        retryAfter is { } wait && wait > TimeSpan.Zero ? (wait < options.MaxRetryAfter ? wait : options.MaxRetryAfter) : options.PollInterval;
}
