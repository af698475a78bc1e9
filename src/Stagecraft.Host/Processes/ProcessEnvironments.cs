namespace Stagecraft.Host.Processes;

/// <summary>The environment variables of the other processes on this host, read from /proc (Linux only).</summary>
internal static class ProcessEnvironments
{
    private const string ProcRoot = "/proc";

    /// <summary>Each process but this one, with its "NAME=value" entries; those gone meanwhile or not ours to read are left out.</summary>
    public static IEnumerable<(int Pid, string[] Variables)> OfOtherProcesses()
    {
        foreach (var directory in Directory.EnumerateDirectories(ProcRoot))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string[] variables;
            try
            {
                variables = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, "environ"))).Split('\0');
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or another user's process.
                continue;
            }

            yield return (pid, variables);
        }
    }
}
