using Stagecraft.Local.Proxy;

namespace Stagecraft.Integration.Tests.Proxy;

public sealed class HopByHopHeadersTests
{
    [Theory]
    [InlineData("Connection")]
    [InlineData("keep-alive")]
    [InlineData("Proxy-Connection")]
    [InlineData("te")]
    [InlineData("Trailer")]
    [InlineData("Transfer-Encoding")]
    [InlineData("UPGRADE")]
    public void Recognises_hop_by_hop_names_in_any_case(string name) =>
        HopByHopHeaders.IsHopByHop(name).Should().BeTrue();

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("X-Forwarded-For")]
    [InlineData("Authorization")]
    public void Leaves_end_to_end_headers_alone(string name) =>
        HopByHopHeaders.IsHopByHop(name).Should().BeFalse();

    [Theory]
    [InlineData("close, X-Hop", "x-hop", true)]
    [InlineData("X-Hop", "X-Hop", true)]
    [InlineData("  X-A ,X-Hop  ", "X-Hop", true)]
    [InlineData("X-Hopper", "X-Hop", false)]
    [InlineData("", "X-Hop", false)]
    [InlineData(",,", "X-Hop", false)]
    public void Finds_tokens_in_a_Connection_value(string value, string token, bool expected) =>
        HopByHopHeaders.ContainsToken(value, token).Should().Be(expected);
}
