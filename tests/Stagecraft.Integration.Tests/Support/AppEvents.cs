using System.Globalization;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>The test app's EVENT_LOG lines: "EVENT unix-ms pid PID".</summary>
public sealed class AppEvents(string path)
{
    public string Path => path;

    public IReadOnlyList<(string Name, long At, int Pid)> Read() =>
        File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' '))
                .Select(p => (p[0], long.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[3], CultureInfo.InvariantCulture))).ToList()
            : [];

    public int Count(string name) => Read().Count(e => e.Name == name);

    public Task WaitForAsync(string name, int count) =>
        Eventually.TrueAsync(() => Count(name) >= count, TimeSpan.FromSeconds(30), $"{count} '{name}' events");
}
