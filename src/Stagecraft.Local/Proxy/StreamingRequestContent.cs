using System.IO.Pipelines;

namespace Stagecraft.Local.Proxy;

/// <summary>
/// Request body that is read from the client as the backend connection takes it: nothing is buffered
/// beyond Kestrel's own pipe, so an upload of any size streams through.
/// </summary>
internal sealed class StreamingRequestContent(PipeReader body, long? length, CancellationToken cancellation) : HttpContent
{
    private readonly PipeReader _body = body;
    private readonly long? _length = length;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, cancellation);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // The handler's token and the lease token are the same in practice; honour both.
        var token = cancellationToken.CanBeCanceled ? cancellationToken : cancellation;
        while (true)
        {
            var read = await _body.ReadAsync(token).ConfigureAwait(false);
            var buffer = read.Buffer;
            foreach (var segment in buffer)
            {
                await stream.WriteAsync(segment, token).ConfigureAwait(false);
            }

            _body.AdvanceTo(buffer.End);

            // A cancelled read must not end the body early: the backend would take a short body as complete.
            if (read.IsCanceled)
            {
                throw new OperationCanceledException("Reading the request body was cancelled.");
            }

            if (read.IsCompleted)
            {
                return;
            }

            // Push what we have now so the backend sees the body as it arrives, not when a buffer fills.
            await stream.FlushAsync(token).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length ?? 0;
        return _length.HasValue;
    }
}
