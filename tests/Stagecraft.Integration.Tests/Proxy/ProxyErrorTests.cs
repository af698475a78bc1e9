using Stagecraft.TestSupport;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Stagecraft.Local.Proxy;

namespace Stagecraft.Integration.Tests.Proxy;

public sealed class ProxyErrorTests
{
    [Fact]
    public async Task No_pool_routed_gives_502_json()
    {
        await using var harness = await ProxyHarness.StartAsync();

        var response = await harness.Client.GetAsync("/");

        await ShouldBeJsonErrorAsync(response, HttpStatusCode.BadGateway, "no healthy backend");
    }

    [Fact]
    public async Task No_healthy_backend_gives_502_json_and_counts_an_error()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var pool = await harness.AddPoolAsync("blue", 2);
        foreach (var backend in pool.Backends)
        {
            pool.MarkUnhealthy(backend);
        }

        harness.Proxy.Route(pool);

        var response = await harness.Client.GetAsync("/");

        var json = await ShouldBeJsonErrorAsync(response, HttpStatusCode.BadGateway, "no healthy backend");
        json.GetProperty("pool").GetString().Should().Be("blue");
        pool.ServerErrors.Should().Be(1);
    }

    [Fact]
    public async Task Refused_connection_gives_502_json_and_counts_an_error()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var pool = new BackendPool("blue", [ClosedPort.Create()]);
        harness.Proxy.Route(pool);

        var response = await harness.Client.PostAsync("/", new StringContent("x"));

        await ShouldBeJsonErrorAsync(response, HttpStatusCode.BadGateway, "backend unreachable");
        pool.ServerErrors.Should().Be(1);
        // A request is counted when the proxy is done with it, which can be just after the client has read the answer.
        await Eventually.TrueAsync(() => pool.InFlight == 0, "the proxy to finish the request");
        pool.Requests.Should().Be(1);
    }

    [Fact]
    public async Task Refused_GET_is_retried_once_on_another_backend()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var live = await harness.AddBackendAsync("live");
        var pool = new BackendPool("blue", [ClosedPort.Create(), live.Uri]);
        harness.Proxy.Route(pool);

        // Round robin starts each request on a different backend, so two of these four meet the dead one first.
        for (var i = 0; i < 4; i++)
        {
            var response = await harness.Client.GetAsync("/");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.GetValues("X-Backend").Should().Equal("live");
        }

        live.Hits.Should().Be(4);
        pool.ServerErrors.Should().Be(2);
    }

    [Fact]
    public async Task Refused_POST_is_not_retried()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var live = await harness.AddBackendAsync("live");
        var pool = new BackendPool("blue", [ClosedPort.Create(), live.Uri]);
        harness.Proxy.Route(pool);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await harness.Client.PostAsync("/echo", new StringContent("order"))).StatusCode);
        }

        statuses.Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway]);
        live.Hits.Should().Be(2);
    }

    [Fact]
    public async Task Backend_slower_than_the_header_timeout_gives_504_json()
    {
        var backendAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await ProxyHarness.StartAsync(o => o with { ResponseHeadersTimeout = TimeSpan.FromMilliseconds(300) });
        var pool = await harness.AddPoolAsync("blue", 1, async context =>
        {
            context.RequestAborted.Register(backendAborted.SetResult);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        harness.Proxy.Route(pool);

        var response = await harness.Client.GetAsync("/");

        await ShouldBeJsonErrorAsync(response, HttpStatusCode.GatewayTimeout, "backend timeout");
        pool.ServerErrors.Should().Be(1);
        await backendAborted.Task.Within();
    }

    private static async Task<JsonElement> ShouldBeJsonErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("error").GetString().Should().Be(error);
        json.GetProperty("service").GetString().Should().Be("shop");
        return json;
    }
}
