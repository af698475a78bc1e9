using Stagecraft.Local.Proxy;

namespace Stagecraft.Integration.Tests.Proxy.Routing;

public sealed class RouteTableTests
{
    private static readonly ServiceProxy Notes = ServiceProxy.Create(new ProxyOptions(new(System.Net.IPAddress.Loopback, 0)) { ServiceName = "notes" });
    private static readonly ServiceProxy Api = ServiceProxy.Create(new ProxyOptions(new(System.Net.IPAddress.Loopback, 0)) { ServiceName = "api" });
    private static readonly ServiceProxy Shop = ServiceProxy.Create(new ProxyOptions(new(System.Net.IPAddress.Loopback, 0)) { ServiceName = "shop" });
    private static readonly ServiceProxy Fallback = ServiceProxy.Create(new ProxyOptions(new(System.Net.IPAddress.Loopback, 0)) { ServiceName = "fallback" });

    private static readonly RouteTable Table = new([
        new ProxyRoute("notes", ["notes.example.com", "www.notes.example.com"], "/", Notes),
        new ProxyRoute("api", ["notes.example.com"], "/api", Api),
        new ProxyRoute("shop", ["*.shop.example"], "/", Shop),
    ]);

    [Theory]
    [InlineData("notes.example.com", "/", "notes")]
    [InlineData("NOTES.example.com:443", "/page", "notes")]
    [InlineData("notes.example.com.", "/", "notes")]
    [InlineData("www.notes.example.com", "/api/x", "notes")]
    [InlineData("notes.example.com", "/api", "api")]
    [InlineData("notes.example.com", "/api/v1/items", "api")]
    [InlineData("notes.example.com", "/apis", "notes")]
    [InlineData("eu.shop.example", "/", "shop")]
    [InlineData("a.eu.shop.example", "/", "shop")]
    public void Routes_by_host_then_longest_prefix(string host, string path, string expected) =>
        Table.Match(host, path)!.Name.Should().Be(expected);

    [Theory]
    [InlineData("shop.example")]
    [InlineData("other.example.com")]
    [InlineData("")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("[::1]:8080")]
    public void Unknown_hosts_have_no_route_without_a_default(string host) => Table.Match(host, "/").Should().BeNull();

    [Fact]
    public void A_route_without_hosts_is_the_default()
    {
        var table = new RouteTable([.. Table.Routes, new ProxyRoute("fallback", [], "/", Fallback)]);

        table.Match("other.example.com", "/").Should().BeSameAs(table.Routes[^1]);
        table.Match("127.0.0.1:8080", "/x").Should().BeSameAs(table.Routes[^1]);
        table.Match("notes.example.com", "/").Should().BeSameAs(table.Routes[0]);
    }

    [Theory]
    [InlineData("notes.example.com", "notes.example.com")]
    [InlineData("*.Example.COM.", "*.example.com")]
    [InlineData("bad_name.example", null)]
    [InlineData("a.*.example", null)]
    [InlineData("-a.example", null)]
    [InlineData("", null)]
    public void Host_patterns_are_normalized_or_refused(string pattern, string? expected) => HostPattern.Normalize(pattern).Should().Be(expected);

    [Fact]
    public void A_lookup_allocates_nothing()
    {
        var table = new RouteTable([.. Table.Routes, new ProxyRoute("fallback", [], "/", Fallback)]);
        const string host = "a.eu.shop.example:443";
        table.Match(host, "/x");

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            table.Match(host, "/x");
            table.Match("NOTES.example.com", "/api/v1");
            table.Match("unknown.example", "/");
        }

        GC.GetAllocatedBytesForCurrentThread().Should().Be(before);
    }
}
