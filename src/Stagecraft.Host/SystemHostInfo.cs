using System.Net;
using System.Net.Sockets;
using Stagecraft.Host.Processes;

namespace Stagecraft.Host;

/// <summary>This machine and process, as the lock and ${os:…} references see them.</summary>
public sealed class SystemHostInfo : IHostInfo
{
    private static readonly Lazy<string> MachineHostName = new(ReadHostName);

    public string UserName => Environment.UserName;

    public string HostName => MachineHostName.Value;

    public int ProcessId => Environment.ProcessId;

    /// <summary>
    /// On Linux the start time in clock ticks since boot (field 22 of /proc/PID/stat): fixed for a
    /// process's life and different for a later process that reuses its pid. Null when the process
    /// is gone, including a zombie that has exited but not been reaped.
    /// </summary>
    public long? ProcessStart(int pid) => StartTimeOf(pid);

    public Task<IReadOnlyList<EndedProcessGroup>> EndLeftoverProcessesAsync(LockInfo deadHolder, IReadOnlyList<StageProcess> recorded, CancellationToken cancellationToken) =>
        LeftoverProcesses.EndAsync(deadHolder, recorded);

    /// <inheritdoc cref="ProcessStart"/>
    internal static long? StartTimeOf(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        if (OperatingSystem.IsLinux())
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            }
            catch (IOException)
            {
                // No such pid (FileNotFound/DirectoryNotFound), or it vanished while being read.
                return null;
            }

            return ParseStartTime(stat);
        }

        return OtherPlatformStart(pid);
    }

    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

    /// <summary>
    /// Reads starttime from a /proc/PID/stat line. Field 2 (the command name, in parentheses) may hold
    /// spaces and ')' itself, so fields are counted from the last ')': field 3 (state) comes right after.
    /// </summary>
    internal static long? ParseStartTime(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int stateField = 3;
        const int startTimeField = 22;
        if (fields.Length <= startTimeField - stateField)
        {
            return null;
        }

        // Z (zombie) and X (dead): the process has exited; only its entry lingers.
        if (fields[0] is "Z" or "X")
        {
            return null;
        }

        return long.TryParse(fields[startTimeField - stateField], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : null;
    }

    private static long? OtherPlatformStart(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    private static string ReadHostName()
    {
        try
        {
            return Dns.GetHostName();
        }
        catch (SocketException)
        {
            return Environment.MachineName;
        }
    }
}
