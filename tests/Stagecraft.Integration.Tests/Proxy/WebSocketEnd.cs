using System.Net.WebSockets;

namespace Stagecraft.Integration.Tests.Proxy;

/// <summary>How a backend websocket session ended: the close status it received, or null if it was aborted.</summary>
internal sealed record WebSocketEnd(WebSocketCloseStatus? Status, string? Description);
