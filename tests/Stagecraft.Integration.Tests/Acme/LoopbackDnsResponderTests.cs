using System.Net;
using System.Net.Sockets;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Acme;

public sealed class LoopbackDnsResponderTests
{
    [Fact]
    public async Task Any_name_resolves_to_127_0_0_1_and_has_no_IPv6_address()
    {
        using var dns = new LoopbackDnsResponder();
        var endpoint = IPEndPoint.Parse(dns.Address);
        using var client = new UdpClient(AddressFamily.InterNetwork);

        var a = await AskAsync(client, endpoint, "notes.stagecraft.test", 1);
        var aaaa = await AskAsync(client, endpoint, "notes.stagecraft.test", 28);

        a[0..2].Should().Equal([0x12, 0x34], "the reply carries the query's id");
        (a[3] & 0x0F).Should().Be(0, "NOERROR");
        a[6..8].Should().Equal([0, 1], "one answer");
        a[^4..].Should().Equal(127, 0, 0, 1);
        (aaaa[3] & 0x0F).Should().Be(0);
        aaaa[6..8].Should().Equal([0, 0], "no AAAA record");
    }

    [Fact]
    public void Packets_that_are_not_one_standard_query_get_no_answer()
    {
        LoopbackDnsResponder.Answer([1, 2, 3]).Should().BeNull();
        LoopbackDnsResponder.Answer(Query("x.test", 1)[..14]).Should().BeNull("the question is cut short");
    }

    private static async Task<byte[]> AskAsync(UdpClient client, IPEndPoint server, string name, ushort type)
    {
        await client.SendAsync(Query(name, type), server);
        var reply = await client.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return reply.Buffer;
    }

    private static byte[] Query(string name, ushort type)
    {
        var packet = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            packet.Add((byte)label.Length);
            packet.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }

        packet.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        return [.. packet];
    }
}
