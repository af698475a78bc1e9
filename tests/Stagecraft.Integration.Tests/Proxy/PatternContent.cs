using System.Net;

namespace Stagecraft.Integration.Tests.Proxy;

/// <summary>
/// Upload body generated on the fly. After the first chunk it waits for <paramref name="continueAfterFirstChunk"/>:
/// if the proxy buffered the body, the backend would never see that chunk and the wait would time out.
/// </summary>
internal sealed class PatternContent(long length, Task continueAfterFirstChunk) : HttpContent
{
    private const int ChunkSize = 64 * 1024;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var buffer = new byte[ChunkSize];
        long sent = 0;
        while (sent < length)
        {
            var size = (int)Math.Min(ChunkSize, length - sent);
            Pattern.Fill(buffer.AsSpan(0, size), sent);
            await stream.WriteAsync(buffer.AsMemory(0, size));
            if (sent == 0)
            {
                await stream.FlushAsync();
                await continueAfterFirstChunk.WaitAsync(TimeSpan.FromSeconds(10));
            }

            sent += size;
        }
    }

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return true;
    }
}
