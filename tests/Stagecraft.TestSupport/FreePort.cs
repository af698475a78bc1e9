using System.Net;
using System.Net.Sockets;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>
/// A loopback port nobody listens on right now, for a server a test starts later. Taken below the kernel's
/// ephemeral range (32768 and up here), which it hands to every port-0 bind and to the source side of every
/// outgoing connection: a port picked there and released could be taken by any of those before the server
/// binds it. Ports here come from a counter, so no two callers in this process get the same one.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Count = 12000;
    private static int s_next = Random.Shared.Next(Count);

    public static int Next()
    {
        for (var tries = 0; tries < Count; tries++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref s_next) % Count);
            if (CanBind(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {First + Count - 1}");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
