namespace Stagecraft.Integration.Tests.Chaos;

/// <summary>
/// The file chaos stages append "start STAGE PID ROUND" and "end STAGE PID ROUND" to, in the order they
/// happened: a start of a stage while an earlier run of it has begun and later ends is an overlap.
/// </summary>
internal sealed class MarkerFile(string path)
{
    public string Path => path;

    public IReadOnlyList<Marker> Read() =>
        File.Exists(path)
            ? File.ReadAllLines(path).Select(l => l.Split(' ')).Where(p => p.Length == 4)
                .Select(p => new Marker(p[0], p[1], int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), p[3])).ToList()
            : [];

    /// <summary>
    /// Overlaps: for each stage, a start that came while another run of the same stage had started and
    /// had not yet written its end, where that end was written later (the two ran at once). A run that
    /// never writes its end was ended by the takeover before anything started, and must be gone.
    /// </summary>
    public static IReadOnlyList<string> Overlaps(IReadOnlyList<Marker> markers)
    {
        var overlaps = new List<string>();
        for (var i = 0; i < markers.Count; i++)
        {
            var start = markers[i];
            if (start.Kind != "start")
            {
                continue;
            }

            var endAt = FindIndex(markers, i + 1, m => m.Kind == "end" && m.Pid == start.Pid && m.Stage == start.Stage);
            if (endAt < 0)
            {
                continue;
            }

            var other = FindIndex(markers, i + 1, m => m.Kind == "start" && m.Stage == start.Stage, endAt);
            if (other >= 0)
            {
                overlaps.Add($"{start.Stage}: pid {markers[other].Pid} started while pid {start.Pid} still ran (round {start.Round})");
            }
        }

        return overlaps;
    }

    private static int FindIndex(IReadOnlyList<Marker> markers, int from, Func<Marker, bool> match, int before = int.MaxValue)
    {
        for (var i = from; i < markers.Count && i < before; i++)
        {
            if (match(markers[i]))
            {
                return i;
            }
        }

        return -1;
    }

    internal sealed record Marker(string Kind, string Stage, int Pid, string Round);
}
