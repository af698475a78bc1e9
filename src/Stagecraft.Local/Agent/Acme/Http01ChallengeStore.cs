namespace Stagecraft.Local.Agent.Acme;

/// <summary>
/// HTTP-01 challenge answers waiting to be fetched by the ACME server. The ACME client puts a token's key
/// authorization here before it tells the server to validate; the proxy's plain-HTTP listener
/// (<c>http_listen</c>) answers <c>GET /.well-known/acme-challenge/{token}</c> from it.
/// </summary>
public sealed class Http01ChallengeStore
{
    public const string PathPrefix = "/.well-known/acme-challenge/";

    private readonly ConcurrentDictionary<string, string> _answers = new(StringComparer.Ordinal);

    public void Put(string token, string keyAuthorization)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(keyAuthorization);
        _answers[token] = keyAuthorization;
    }

    public bool TryGet(string token, out string keyAuthorization)
    {
        if (_answers.TryGetValue(token, out var found))
        {
            keyAuthorization = found;
            return true;
        }

        keyAuthorization = "";
        return false;
    }

    public void Remove(string token) => _answers.TryRemove(token, out _);
}
