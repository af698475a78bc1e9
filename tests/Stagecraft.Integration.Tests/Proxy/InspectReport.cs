namespace Stagecraft.Integration.Tests.Proxy;

/// <summary>What a test backend saw of one request.</summary>
internal sealed record InspectReport(string Backend, string Method, string Target, Dictionary<string, string> Headers, string Body);
