namespace Stagecraft.Local.Agent.Control;

/// <summary>
/// Writes answer lines to one client. A client that went away (a CLI killed mid-release) only stops
/// hearing about the release: the release itself goes on, because green's processes are the agent's.
/// </summary>
internal sealed class ConnectionWriter(Stream stream)
{
    private readonly Lock _gate = new();
    private bool _gone;

    public void Write(AgentMessage message)
    {
        var bytes = Encoding.UTF8.GetBytes(AgentJson.Line(message) + "\n");
        lock (_gate)
        {
            if (_gone)
            {
                return;
            }

            try
            {
                stream.Write(bytes);
                stream.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                _gone = true;
            }
        }
    }
}
