using System.Net;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Proxy;

namespace Stagecraft.Integration.Tests.Proxy.Routing;

public sealed class SharedAddressTests
{
    [Fact]
    public async Task A_listener_on_every_address_answers_on_loopback_and_routes_by_host()
    {
        await using var shared = await SharedListener.StartAsync(IPAddress.Any);
        shared.Listener.SetRoutes(new RouteTable([
            await shared.ServiceAsync("notes", ["notes.example.com", "www.notes.example.com"]),
            await shared.ServiceAsync("shop", ["*.shop.example"]),
            await shared.ServiceAsync("api", ["notes.example.com"], "/api"),
        ]));
        using var client = ProxyHarness.CreateClient(new Uri($"http://127.0.0.1:{shared.Port}"));

        (await GetAsync(client, "notes.example.com", "/")).Should().Be((HttpStatusCode.OK, "notes"));
        (await GetAsync(client, "www.notes.example.com", "/")).Should().Be((HttpStatusCode.OK, "notes"));
        (await GetAsync(client, "eu.shop.example", "/")).Should().Be((HttpStatusCode.OK, "shop"));
        (await GetAsync(client, "notes.example.com", "/api/items")).Should().Be((HttpStatusCode.OK, "api"));
        var unknown = await GetAsync(client, "nobody.example", "/");
        unknown.Status.Should().Be(HttpStatusCode.NotFound);
        unknown.Body.Should().Be("404: no service here for this host\n");
    }

    [Fact]
    public async Task A_listener_on_every_IPv6_address_answers_on_the_IPv6_loopback()
    {
        await using var shared = await SharedListener.StartAsync(IPAddress.IPv6Any);
        shared.Listener.SetRoutes(new RouteTable([await shared.ServiceAsync("notes", [])]));
        using var client = ProxyHarness.CreateClient(new Uri($"http://[::1]:{shared.Port}"));

        (await GetAsync(client, "anything.example", "/")).Should().Be((HttpStatusCode.OK, "notes"));
    }

    [Fact]
    public async Task New_routes_take_the_next_request_without_a_new_connection()
    {
        await using var shared = await SharedListener.StartAsync(IPAddress.Loopback);
        var notes = await shared.ServiceAsync("notes", ["notes.example.com"]);
        shared.Listener.SetRoutes(new RouteTable([notes]));
        using var client = ProxyHarness.CreateClient(new Uri($"http://127.0.0.1:{shared.Port}"));
        (await GetAsync(client, "shop.example", "/")).Status.Should().Be(HttpStatusCode.NotFound);

        shared.Listener.SetRoutes(new RouteTable([notes, await shared.ServiceAsync("shop", ["shop.example"])]));

        (await GetAsync(client, "shop.example", "/")).Should().Be((HttpStatusCode.OK, "shop"));
        (await GetAsync(client, "notes.example.com", "/")).Should().Be((HttpStatusCode.OK, "notes"));
    }

    internal static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
