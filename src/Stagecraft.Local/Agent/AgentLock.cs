namespace Stagecraft.Local.Agent;

/// <summary>
/// One agent per home: an exclusive lock on agent.lock (flock, which .NET takes for FileShare.None and
/// the kernel drops when the process dies, kill -9 included). The pid goes to agent.pid for people.
/// </summary>
internal sealed class AgentLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _pidFile;

    private AgentLock(FileStream @lock, string pidFile)
    {
        _lock = @lock;
        _pidFile = pidFile;
    }

    public static AgentLock? TryAcquire(AgentHome home)
    {
        FileStream stream;
        try
        {
            stream = OwnerOnly.Open(home.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        }
        catch (IOException)
        {
            return null;
        }

        var pidFile = Path.Combine(home.RuntimeDirectory, "agent.pid");
        File.WriteAllText(pidFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        return new AgentLock(stream, pidFile);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_pidFile);
        }
        catch (IOException)
        {
            // Harmless: the next agent overwrites it.
        }

        _lock.Dispose();
    }
}
