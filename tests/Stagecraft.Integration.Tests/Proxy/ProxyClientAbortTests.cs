using Stagecraft.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Stagecraft.Integration.Tests.Proxy;

public sealed class ProxyClientAbortTests
{
    [Fact]
    public async Task Client_abort_while_waiting_for_headers_aborts_the_backend_request()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backendAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await ProxyHarness.StartAsync();
        var pool = await harness.AddPoolAsync("blue", 1, async context =>
        {
            context.RequestAborted.Register(backendAborted.SetResult);
            arrived.SetResult();
            await WaitUntilAbortedAsync(context);
        });
        harness.Proxy.Route(pool);

        using var raw = await RawHttp.ConnectAsync(harness.Proxy.Endpoint);
        await raw.SendAsync("GET /slow HTTP/1.1\nHost: shop.example\n\n");
        await arrived.Task.Within();
        raw.Abort();

        await backendAborted.Task.Within();
        await Eventually.TrueAsync(() => pool.InFlight == 0, "the aborted request to leave the pool");
        pool.ServerErrors.Should().Be(0, "a client giving up is not a backend failure");
    }

    [Fact]
    public async Task Client_abort_mid_body_aborts_the_backend_response()
    {
        var backendAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await ProxyHarness.StartAsync();
        harness.Proxy.Route(await harness.AddPoolAsync("blue", 1, async context =>
        {
            context.RequestAborted.Register(backendAborted.SetResult);
            await context.Response.WriteAsync("first part of a long stream", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await WaitUntilAbortedAsync(context);
        }));

        using var raw = await RawHttp.ConnectAsync(harness.Proxy.Endpoint);
        await raw.SendAsync("GET /stream HTTP/1.1\nHost: shop.example\n\n");
        await raw.ReadHeadAsync();
        raw.Abort();

        await backendAborted.Task.Within();
    }

    [Fact]
    public async Task Client_abort_mid_upload_aborts_the_backend_request()
    {
        var backendAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstBytes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await ProxyHarness.StartAsync();
        harness.Proxy.Route(await harness.AddPoolAsync("blue", 1, async context =>
        {
            context.RequestAborted.Register(backendAborted.SetResult);
            var buffer = new byte[1024];
            try
            {
                while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
                {
                    firstBytes.TrySetResult();
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
            {
                // Expected: the upload never completes.
            }
        }));

        using var raw = await RawHttp.ConnectAsync(harness.Proxy.Endpoint);
        await raw.SendAsync("POST /upload HTTP/1.1\nHost: shop.example\nContent-Length: 1000000\n\nsome of the body");
        await firstBytes.Task.Within();
        raw.Abort();

        await backendAborted.Task.Within();
    }

    private static async Task WaitUntilAbortedAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The point of the test.
        }
    }
}
