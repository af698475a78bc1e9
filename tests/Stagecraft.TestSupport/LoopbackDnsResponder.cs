using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Stagecraft.TestSupport;

/// <summary>
/// A tiny DNS server on 127.0.0.1 (UDP, a port of its own) that says every name is 127.0.0.1: it answers an A
/// query with that address and any other query (AAAA, CAA, …) with "no such record", so a resolver falls back to
/// IPv4. Pebble's <c>-dnsserver</c> points at it, so its HTTP-01 validation of any test host name reaches the
/// test's responder on 127.0.0.1. Only standard queries with one question are answered; anything else is dropped.
/// </summary>
public sealed class LoopbackDnsResponder : IDisposable
{
    private const int HeaderLength = 12;
    private const ushort TypeA = 1;
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _queries;

    public LoopbackDnsResponder() => _loop = Task.Run(ServeAsync);

    /// <summary>host:port, as pebble's -dnsserver takes it.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_socket.Client.LocalEndPoint!).Port}";

    public int Queries => Volatile.Read(ref _queries);

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>The reply to one query packet, or null when it is not a query this responder understands.</summary>
    public static byte[]? Answer(ReadOnlySpan<byte> query)
    {
        if (query.Length < HeaderLength || (query[2] & 0xF8) != 0 || BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1)
        {
            return null; // A response, a non-standard opcode, or not exactly one question.
        }

        var end = HeaderLength;
        while (end < query.Length && query[end] != 0)
        {
            end += query[end] + 1;
        }

        end += 1 + 4; // The root label, then QTYPE and QCLASS.
        if (end > query.Length)
        {
            return null;
        }

        var isA = BinaryPrimitives.ReadUInt16BigEndian(query[(end - 4)..]) == TypeA;
        var reply = new byte[end + (isA ? 16 : 0)];
        query[..end].CopyTo(reply);
        reply[2] = (byte)(0x84 | (query[2] & 0x01)); // QR + AA, RD copied.
        reply[3] = 0x80; // RA, NOERROR.
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(6), (ushort)(isA ? 1 : 0));
        reply.AsSpan(8, 4).Clear(); // No authority or additional records.
        if (isA)
        {
            var answer = reply.AsSpan(end);
            BinaryPrimitives.WriteUInt16BigEndian(answer, 0xC00C); // The name: a pointer to the question's.
            BinaryPrimitives.WriteUInt16BigEndian(answer[2..], TypeA);
            BinaryPrimitives.WriteUInt16BigEndian(answer[4..], 1); // IN
            BinaryPrimitives.WriteUInt32BigEndian(answer[6..], 0); // TTL: never cache.
            BinaryPrimitives.WriteUInt16BigEndian(answer[10..], 4);
            IPAddress.Loopback.GetAddressBytes().CopyTo(answer[12..]);
        }

        return reply;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue; // An ICMP "port unreachable" from an earlier reply surfaces here on Linux; keep serving.
            }

            Interlocked.Increment(ref _queries);
            if (Answer(received.Buffer) is { } reply)
            {
                try
                {
                    await _socket.SendAsync(reply, received.RemoteEndPoint, _stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                }
            }
        }
    }
}
