using System.Globalization;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>
/// The log test stages append to: "start NAME NANOS" and "end NAME NANOS" lines, written by
/// a small script so that the order and overlap of real processes can be checked.
/// </summary>
public sealed class StageLog
{
    public const string Script = """
        #!/bin/sh
        # usage: stage.sh NAME SECONDS [EVENT…] — records when it ran, in the file named by $LOG. Before it
        # ends it waits until each EVENT ("start:STAGE" or "end:STAGE") is in the log; after 5 min it fails.
        name=$1
        echo "start $name $(date +%s%N)" >> "$LOG"
        sleep "$2"
        shift 2
        for event in "$@"; do
          tries=0
          until grep -q "^${event%%:*} ${event#*:} " "$LOG"; do
            tries=$((tries + 1))
            [ "$tries" -le 6000 ] || { echo "$name gave up waiting for $event" >&2; exit 1; }
            sleep 0.05
          done
        done
        echo "end $name $(date +%s%N)" >> "$LOG"
        """;

    private StageLog(IReadOnlyList<Entry> entries)
    {
        Entries = entries;
    }

    public IReadOnlyList<Entry> Entries { get; }

    public static StageLog Read(string path)
    {
        if (!File.Exists(path))
        {
            return new StageLog([]);
        }

        var entries = File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' '))
            .Select(p => new Entry(p[0], p[1], long.Parse(p[2], CultureInfo.InvariantCulture))).ToList();
        return new StageLog(entries);
    }

    public int Starts(string stage) => Entries.Count(e => e.Kind == "start" && e.Stage == stage);

    public IReadOnlyList<string> Started => Entries.Where(e => e.Kind == "start").Select(e => e.Stage).ToList();

    /// <summary>Each completed run of a stage as (start, end) in nanoseconds.</summary>
    public Dictionary<string, (long Start, long End)> Intervals()
    {
        var result = new Dictionary<string, (long Start, long End)>();
        foreach (var start in Entries.Where(e => e.Kind == "start"))
        {
            var end = Entries.First(e => e.Kind == "end" && e.Stage == start.Stage && e.Nanos >= start.Nanos);
            result[start.Stage] = (start.Nanos, end.Nanos);
        }

        return result;
    }

    /// <summary>The largest number of stages running at the same moment.</summary>
    public int PeakOverlap()
    {
        var events = Entries.Select(e => (e.Nanos, Delta: e.Kind == "start" ? 1 : -1)).OrderBy(e => e.Nanos).ThenBy(e => e.Delta);
        int current = 0, peak = 0;
        foreach (var (_, delta) in events)
        {
            current += delta;
            peak = Math.Max(peak, current);
        }

        return peak;
    }

    public sealed record Entry(string Kind, string Stage, long Nanos);
}
