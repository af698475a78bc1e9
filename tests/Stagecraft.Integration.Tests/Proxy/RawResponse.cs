namespace Stagecraft.Integration.Tests.Proxy;

internal sealed record RawResponse(int Status, Dictionary<string, string> Headers, string Body);
