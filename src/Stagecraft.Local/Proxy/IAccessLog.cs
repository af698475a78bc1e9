namespace Stagecraft.Local.Proxy;

/// <summary>Records each request a service's proxy finished (the agent writes them as JSON lines).</summary>
public interface IAccessLog
{
    /// <param name="pool">The release that served it; null when none was routed.</param>
    void Write(HttpContext context, string? pool, TimeSpan elapsed);
}
