namespace Stagecraft.Local.Agent.Runtime;

/// <summary>Free loopback ports for green instances: the kernel picks one, we release it for the instance to bind.</summary>
internal static class PortAllocator
{
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
