using System.Globalization;
using System.Text.RegularExpressions;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>Facts read back from a service stage's log: which pids a release's instances had.</summary>
public static partial class ReleaseLog
{
    /// <summary>(release, pid) of every instance a stage log says was started.</summary>
    public static IReadOnlyList<(string Release, int Pid)> InstancePids(string log) =>
        InstanceLine().Matches(log).Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();

    [GeneratedRegex(@"(r\d+) instance \d+: pid (\d+) on")]
    private static partial Regex InstanceLine();
}
