using Stagecraft.TestSupport;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Stagecraft.Integration.Tests.Proxy;

public sealed class ProxyDrainTests
{
    private const int BodySize = 1024 * 1024;

    [Fact]
    public async Task Switch_is_atomic_and_drain_waits_for_in_flight_requests_to_finish_whole()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await ProxyHarness.StartAsync();
        var blue = await harness.AddPoolAsync("blue", 2, async context =>
        {
            // Half the body now, the rest once the test opens the gate: the switch happens mid-response.
            context.Response.ContentLength = BodySize;
            var body = new byte[BodySize];
            Pattern.Fill(body, 0);
            await context.Response.Body.WriteAsync(body.AsMemory(0, BodySize / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await gate.Task.WaitAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(body.AsMemory(BodySize / 2), context.RequestAborted);
        });
        var green = await harness.AddPoolAsync("green", 2);
        harness.Proxy.Route(blue);

        var inFlight = Enumerable.Range(0, 5).Select(_ => harness.Client.GetByteArrayAsync("/slow")).ToList();
        await Eventually.TrueAsync(() => blue.InFlight == 5, "five requests in flight on blue");

        harness.Proxy.Route(green);
        harness.Proxy.Current.Should().BeSameAs(green);
        for (var i = 0; i < 10; i++)
        {
            var response = await harness.Client.GetAsync("/");
            response.Headers.GetValues("X-Backend").Single().Should().StartWith("green");
        }

        blue.InFlight.Should().Be(5, "nothing new reaches blue after the switch");
        var drain = harness.Proxy.DrainAsync(blue, TimeSpan.FromSeconds(30), CancellationToken.None);
        drain.IsCompleted.Should().BeFalse("blue still has requests in flight");

        gate.SetResult();
        var result = await drain.Within();

        result.Completed.Should().Be(5);
        result.Cut.Should().Be(0);
        blue.InFlight.Should().Be(0);
        foreach (var body in await Task.WhenAll(inFlight).Within())
        {
            body.Should().HaveCount(BodySize);
            Pattern.Matches(body, 0).Should().BeTrue();
        }

        // A request is counted when the proxy is done with it, which can be just after the client has read the answer.
        await Eventually.TrueAsync(() => green.InFlight == 0, "the proxy to finish green's requests");
        green.Requests.Should().Be(10);
        blue.Requests.Should().Be(5);
    }

    [Fact]
    public async Task Requests_that_end_between_the_switch_and_the_drain_count_as_finished_in_flight_work()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await ProxyHarness.StartAsync();
        var blue = await harness.AddPoolAsync("blue", 1, async context =>
        {
            await gate.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("done", context.RequestAborted);
        });
        var green = await harness.AddPoolAsync("green", 1);
        harness.Proxy.Route(blue);
        var inFlight = Enumerable.Range(0, 3).Select(_ => harness.Client.GetStringAsync("/slow")).ToList();
        await Eventually.TrueAsync(() => blue.InFlight == 3, "three requests in flight on blue");

        var atSwitch = blue.Requests;
        harness.Proxy.Route(green);
        gate.SetResult();
        await Task.WhenAll(inFlight).Within();
        await Eventually.TrueAsync(() => blue.InFlight == 0, "blue's requests to end before the drain begins");
        var result = await harness.Proxy.DrainAsync(blue, TimeSpan.FromSeconds(30), CancellationToken.None, countFrom: atSwitch).Within();

        result.Completed.Should().Be(3, "the stage log's 'drained: N in-flight finished' counts blue's work from the switch, not from the drain's start");
        result.Cut.Should().Be(0);
    }

    [Fact]
    public async Task Drain_of_an_idle_pool_returns_at_once()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var blue = await harness.AddPoolAsync("blue", 1);

        var result = await harness.Proxy.DrainAsync(blue, TimeSpan.FromMinutes(5), CancellationToken.None).Within();

        result.Should().Be(new Stagecraft.Local.Proxy.DrainResult(0, 0, result.Elapsed));
    }

    [Fact]
    public async Task Drain_timeout_cuts_a_request_still_waiting_for_headers_with_503_json()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var backendReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backendAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await ProxyHarness.StartAsync(o => o with { TimeProvider = clock });
        var blue = await harness.AddPoolAsync("blue", 1, async context =>
        {
            context.RequestAborted.Register(backendAborted.SetResult);
            backendReached.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        harness.Proxy.Route(blue);
        var pending = harness.Client.GetAsync("/hang");

        // The pool counts the request as soon as the proxy takes it, before it reaches the backend; a cut in
        // between would never reach the backend's handler (and its abort). Wait for the backend itself.
        await backendReached.Task.Within();
        blue.InFlight.Should().Be(1);

        harness.Proxy.Route(await harness.AddPoolAsync("green", 1));
        var drain = harness.Proxy.DrainAsync(blue, TimeSpan.FromSeconds(30), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(29));
        drain.IsCompleted.Should().BeFalse("the drain timeout runs on the injected clock");
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await drain.Within();

        result.Cut.Should().Be(1);
        result.Completed.Should().Be(0);
        result.Elapsed.Should().Be(TimeSpan.FromSeconds(30));
        var response = await pending.Within();
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("error").GetString().Should().Be("request cut by drain");
        await backendAborted.Task.Within();
        blue.ServerErrors.Should().Be(0);
    }

    [Fact]
    public async Task Drain_timeout_aborts_the_connection_of_a_request_whose_body_is_streaming()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var blue = await harness.AddPoolAsync("blue", 1, async context =>
        {
            context.Response.ContentLength = BodySize;
            await context.Response.Body.WriteAsync(new byte[1024], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        harness.Proxy.Route(blue);
        using var response = await harness.Client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStreamAsync();
        await body.ReadExactlyAsync(new byte[1024]);

        harness.Proxy.Route(null);
        var result = await harness.Proxy.DrainAsync(blue, TimeSpan.FromMilliseconds(100), CancellationToken.None).Within();

        result.Cut.Should().Be(1);
        var readRest = async () => await body.ReadExactlyAsync(new byte[BodySize - 1024]);
        await readRest.Should().ThrowAsync<IOException>("a cut stream must not look like a complete body");
    }

    [Fact]
    public async Task Keep_alive_connection_follows_the_switch_per_request()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var blue = await harness.AddPoolAsync("blue", 1);
        var green = await harness.AddPoolAsync("green", 1);
        harness.Proxy.Route(blue);
        var connections = 0;
        using var client = ProxyHarness.CreateClient(harness.BaseUri, new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            ConnectCallback = async (context, ct) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });

        (await client.GetStringAsync("/")).Should().Be("blue-0");
        harness.Proxy.Route(green);
        (await client.GetStringAsync("/")).Should().Be("green-0");
        harness.Proxy.Route(blue);
        (await client.GetStringAsync("/")).Should().Be("blue-0");

        connections.Should().Be(1, "all three requests shared one keep-alive connection");
    }
}
