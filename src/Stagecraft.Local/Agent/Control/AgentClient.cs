namespace Stagecraft.Local.Agent.Control;

/// <summary>Talks to a running agent: one request per connection, progress lines as they come, one final answer.</summary>
public sealed class AgentClient(AgentHome home)
{
    public AgentHome Home => home;

    /// <summary>Who is asking, for the agent's messages and log.</summary>
    public static string Caller => $"{Environment.UserName} (pid {Environment.ProcessId})";

    /// <summary>
    /// Sends <paramref name="request"/> and returns the final result or error line; progress lines go to
    /// <paramref name="onProgress"/>. Throws <see cref="AgentNotRunningException"/> when nobody listens.
    /// </summary>
    public async Task<AgentMessage> SendAsync(AgentRequest request, Action<AgentMessage>? onProgress, CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var line = Encoding.UTF8.GetBytes(AgentJson.Line(request with { Client = request.Client ?? Caller }) + "\n");
        await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            var message = JsonSerializer.Deserialize(text, AgentJson.Default.AgentMessage)
                ?? throw new StagecraftException("the agent sent an empty answer", ExitCodes.StageFailed);
            if (message.V != AgentProtocol.Version)
            {
                throw new StagecraftException($"the running agent speaks control protocol v{message.V}; this stagecraft speaks v{AgentProtocol.Version}",
                    ExitCodes.StageFailed, "stop it with 'stagecraft agent stop'; the next deploy starts an agent of this version");
            }

            if (message.Type is AgentProtocol.Result or AgentProtocol.Error)
            {
                return message;
            }

            onProgress?.Invoke(message);
        }

        throw new StagecraftException($"the agent closed the connection before answering (see its log: {home.LogPath})", ExitCodes.StageFailed);
    }

    /// <summary>The agent's status, or null when no agent answers within <paramref name="timeout"/>.</summary>
    public async Task<AgentStatus?> TryStatusAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var answer = await SendAsync(new AgentRequest { Type = AgentProtocol.Status }, null, limit.Token).ConfigureAwait(false);
            return answer.Agent;
        }
        catch (AgentNotRunningException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(home.SocketPath), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused or SocketError.AccessDenied
                                             || ex.SocketErrorCode == SocketError.SocketError || !File.Exists(home.SocketPath))
        {
            socket.Dispose();
            throw new AgentNotRunningException(home, ex.SocketErrorCode == SocketError.AccessDenied ? "permission denied" : ex.Message);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
