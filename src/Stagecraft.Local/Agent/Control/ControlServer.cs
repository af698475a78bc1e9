namespace Stagecraft.Local.Agent.Control;

/// <summary>
/// The agent's control channel: a Unix socket, mode 0600 in a 0700 directory, so only the agent's
/// owner can connect. Each connection carries one request line; answers stream back as lines.
/// </summary>
internal sealed class ControlServer : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<AgentRequest, ConnectionWriter, Task> _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private Task _accepting = Task.CompletedTask;

    private ControlServer(Socket listener, string path, Func<AgentRequest, ConnectionWriter, Task> handler, ILogger logger)
    {
        _listener = listener;
        _path = path;
        _handler = handler;
        _logger = logger;
    }

    public static ControlServer Start(string path, Func<AgentRequest, ConnectionWriter, Task> handler, ILogger logger)
    {
        // Whoever holds the agent lock owns the socket path: a file left there is from a dead agent.
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            OwnerOnly.SetFile(path);

            listener.Listen(64);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var server = new ControlServer(listener, path, handler, logger);
        server._accepting = server.AcceptAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // The next agent removes it.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var connection = ServeAsync(client);
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(connection);
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield();
        using var socket = client;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var writer = new ConnectionWriter(stream);
        var request = await ReadRequestAsync(stream, writer).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        // From here on a failure is the agent's, not the client's: writes to a client that left are dropped by the writer.
        try
        {
            await _handler(request, writer).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            AgentLog.RequestFailed(_logger, ex);
            writer.Write(AgentMessage.Failed($"the agent failed unexpectedly: {ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>The connection's one request, or null when there is none to serve (answered already if it was unreadable).</summary>
    private static async Task<AgentRequest?> ReadRequestAsync(NetworkStream stream, ConnectionWriter writer)
    {
        string? line;
        try
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
            using var timeout = new CancellationTokenSource(RequestTimeout);
            line = await reader.ReadLineAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
        {
            // The client went away or never spoke.
            return null;
        }

        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        AgentRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(line, AgentJson.Default.AgentRequest);
        }
        catch (JsonException ex)
        {
            writer.Write(AgentMessage.Failed("the agent could not read the request: " + ex.Message));
            return null;
        }

        if (request is null || request.V != AgentProtocol.Version)
        {
            writer.Write(AgentMessage.Failed(
                $"this agent speaks control protocol v{AgentProtocol.Version}; the client sent v{request?.V}",
                hint: "stop the running agent with 'stagecraft agent stop' so the next deploy starts one of the same version"));
            return null;
        }

        return request;
    }
}
