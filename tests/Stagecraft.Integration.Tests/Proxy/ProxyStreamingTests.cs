using System.Net;
using Microsoft.AspNetCore.Http;

namespace Stagecraft.Integration.Tests.Proxy;

public sealed class ProxyStreamingTests
{
    private const long HundredMegabytes = 100L * 1024 * 1024;
    private const long LiveHeapBudget = 32L * 1024 * 1024;

    [Fact]
    public async Task Streams_a_100_MB_upload_without_buffering_it()
    {
        var firstBytesAtBackend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long heapMidway = 0;
        await using var harness = await ProxyHarness.StartAsync();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        harness.Proxy.Route(await harness.AddPoolAsync("blue", 1, async context =>
        {
            var buffer = new byte[64 * 1024];
            long received = 0;
            var intact = true;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                firstBytesAtBackend.TrySetResult();
                intact &= Pattern.Matches(buffer.AsSpan(0, read), received);
                var before = received;
                received += read;
                if (before < HundredMegabytes / 2 && received >= HundredMegabytes / 2)
                {
                    heapMidway = GC.GetTotalMemory(forceFullCollection: true);
                }
            }

            await context.Response.WriteAsync($"{received}:{intact}", context.RequestAborted);
        }));

        // The client holds back everything after its first 64 KB until the backend has seen bytes.
        var response = await harness.Client.PostAsync("/upload", new PatternContent(HundredMegabytes, firstBytesAtBackend.Task));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be($"{HundredMegabytes}:True");
        (heapMidway - baseline).Should().BeLessThan(LiveHeapBudget, "the proxy must not hold the body in memory");
    }

    [Fact]
    public async Task Streams_a_100_MB_download_without_buffering_it()
    {
        var clientSawBytes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await ProxyHarness.StartAsync();
        harness.Proxy.Route(await harness.AddPoolAsync("blue", 1, async context =>
        {
            context.Response.ContentLength = HundredMegabytes;
            var buffer = new byte[64 * 1024];
            for (long sent = 0; sent < HundredMegabytes; sent += buffer.Length)
            {
                Pattern.Fill(buffer, sent);
                await context.Response.Body.WriteAsync(buffer, context.RequestAborted);
                if (sent == 0)
                {
                    // Nothing more until the client has read the first chunk: a buffering proxy would stall here.
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await clientSawBytes.Task.WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted);
                }
            }
        }));
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var response = await harness.Client.GetAsync("/download", HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentLength.Should().Be(HundredMegabytes);
        await using var body = await response.Content.ReadAsStreamAsync();
        var chunk = new byte[64 * 1024];
        long received = 0;
        long heapMidway = 0;
        var intact = true;
        int read;
        while ((read = await body.ReadAsync(chunk)) > 0)
        {
            clientSawBytes.TrySetResult();
            intact &= Pattern.Matches(chunk.AsSpan(0, read), received);
            var before = received;
            received += read;
            if (before < HundredMegabytes / 2 && received >= HundredMegabytes / 2)
            {
                heapMidway = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        received.Should().Be(HundredMegabytes);
        intact.Should().BeTrue();
        (heapMidway - baseline).Should().BeLessThan(LiveHeapBudget, "the proxy must not hold the body in memory");
    }
}
