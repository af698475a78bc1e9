using System.Net;
using System.Net.Sockets;

namespace Stagecraft.TestSupport;

/// <summary>
/// A loopback port nobody listens on right now, for a server a test starts later. Taken below the kernel's
/// ephemeral range (32768 and up here), which it hands to every port-0 bind and to the source side of every
/// outgoing connection: a port picked there and released could be taken by any of those before the server
/// binds it. Ports come from a counter, so no two callers in this process get the same one, and each test
/// assembly takes its own part of the range (<see cref="UseRange"/>, from a module initializer), because the
/// assemblies run in parallel processes whose counters know nothing of each other.
/// </summary>
public static class FreePort
{
    private static int s_first = 20000;
    private static int s_count = 12000;
    private static int s_next = Random.Shared.Next(12000);

    /// <summary>Ports from <paramref name="first"/> on, <paramref name="count"/> of them, for this process only.</summary>
    public static void UseRange(int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, 32768);
        s_first = first;
        s_count = count;
        s_next = Random.Shared.Next(count);
    }

    public static int Next()
    {
        var (first, count) = (s_first, s_count);
        for (var tries = 0; tries < count; tries++)
        {
            var port = first + (int)((uint)Interlocked.Increment(ref s_next) % count);
            if (CanBind(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port between {first} and {first + count - 1}");
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
