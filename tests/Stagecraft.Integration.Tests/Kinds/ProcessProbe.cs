using System.Globalization;

namespace Stagecraft.Integration.Tests.Kinds;

/// <summary>Whether a process still runs; a zombie (killed, not yet reaped by init) counts as gone.</summary>
internal static class ProcessProbe
{
    public static bool IsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }

    public static bool IsRunning(int pid) => !IsGone(pid);

    /// <summary>The pid a script printed as "LABEL PID".</summary>
    public static int PidAfter(IEnumerable<string> lines, string label) =>
        int.Parse(lines.First(l => l.StartsWith(label + " ", StringComparison.Ordinal))[(label.Length + 1)..], CultureInfo.InvariantCulture);
}
