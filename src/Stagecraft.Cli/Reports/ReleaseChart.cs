using System.Net;

namespace Stagecraft.Cli.Reports;

/// <summary>
/// A service release drawn as SVG: its phases (staging, starting, health gate, rollout, switch, bake, drain,
/// stop) between the steps the agent recorded, and the requests each release answered through the proxy.
/// </summary>
internal static class ReleaseChart
{
    private const int Width = 760;
    private const int LabelWidth = 120;
    private const int LaneHeight = 26;

    /// <summary>Each phase ends at its step; a phase starts where the one before it ended.</summary>
    private static readonly (string Step, string Phase)[] Phases =
    [
        ("staged", "staging"), ("started", "starting"), ("healthy", "health gate"), ("promoted", "rollout"), ("switched", "switch"),
        ("baked", "bake"), ("drained", "drain"), ("stopped", "stop"),
    ];

    /// <summary>The phases as (name, from, to), the first from <paramref name="start"/> (the stage's start).</summary>
    public static IReadOnlyList<(string Phase, DateTimeOffset From, DateTimeOffset To)> PhasesOf(ReleaseTraffic traffic, DateTimeOffset start)
    {
        var phases = new List<(string, DateTimeOffset, DateTimeOffset)>();
        var from = start;
        foreach (var (step, phase) in Phases)
        {
            if (traffic.Steps.FirstOrDefault(s => s.Name == step) is { } reached)
            {
                var to = reached.At < from ? from : reached.At;
                phases.Add((phase, from, to));
                from = to;
            }
        }

        return phases;
    }

    /// <summary>One line of words: who answered how many requests.</summary>
    public static string Summary(ReleaseTraffic traffic)
    {
        var served = $"{traffic.Release} served {Count(traffic.Served, "request")}{(traffic.ServerErrors > 0 ? $" ({traffic.ServerErrors} with 5xx)" : "")}";
        if (traffic.Previous is null)
        {
            return $"first release: {served}";
        }

        var cut = traffic.InFlightCut > 0 ? $", {traffic.InFlightCut} cut at the drain timeout" : "";
        return $"{traffic.Previous} → {traffic.Release}: {traffic.Previous} served {Count(traffic.PreviousServed, "request")} before the switch and finished {traffic.InFlightFinished} in flight{cut}; {served}";
    }

    /// <summary>The release's row on the run's timeline: its phases on the run's clock.</summary>
    public static void TimelineRow(StringBuilder html, ReportStage stage, ReleaseTraffic traffic, int labelRight, int y, int height, Func<DateTimeOffset, double> x)
    {
        html.Append(CultureInfo.InvariantCulture, $"<g class=\"release\" data-stage=\"{E(stage.Name)}\" data-release=\"{E(traffic.Release)}\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(Summary(traffic))}</title>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"label release-label\" x=\"{labelRight}\" y=\"{y + 12}\">{E($"release {traffic.Release}")}</text>");
        var end = x(stage.Start!.Value);
        foreach (var (phase, from, to) in PhasesOf(traffic, stage.Start!.Value))
        {
            var left = x(from);
            end = Math.Max(x(to), left + 1);
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"phase {Css(phase)}\" data-phase=\"{E(phase)}\" x=\"{left:0.##}\" y=\"{y + 2}\" width=\"{end - left:0.##}\" height=\"{height}\">")
                .Append(CultureInfo.InvariantCulture, $"<title>{E($"{phase}: {Seconds(to - from)}")}</title></rect>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text class=\"duration\" x=\"{end + 6:0.##}\" y=\"{y + 12}\">{E(Short(traffic))}</text></g>\n");
    }

    /// <summary>The release on its own clock: one lane per release, the steps as ticks, the requests each answered.</summary>
    public static void Detail(StringBuilder html, ReportStage stage, ReleaseTraffic traffic)
    {
        var phases = PhasesOf(traffic, stage.Start!.Value);
        if (phases.Count == 0)
        {
            return;
        }

        var origin = phases[0].From;
        var last = phases[^1].To;
        var span = Math.Max((last - origin).TotalSeconds, 0.001);
        var chart = Width - LabelWidth - 20;
        double X(DateTimeOffset t) => LabelWidth + (Math.Clamp((t - origin).TotalSeconds / span, 0, 1) * chart);
        var switched = traffic.Steps.FirstOrDefault(s => s.Name == "switched")?.At;
        var lanes = traffic.Previous is null ? 1 : 2;
        var height = 24 + (lanes * (LaneHeight + 8)) + 34;

        html.Append("<div class=\"release-traffic\" data-release=\"").Append(E(traffic.Release)).Append("\">\n<p class=\"log-title\">release traffic</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"release-chart\" role=\"img\" aria-label=\"{E(Summary(traffic))}\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\">\n");
        var y = 20;
        if (traffic.Previous is { } previous)
        {
            // The previous release serves until the switch, then finishes what it had in flight, then stops.
            var drained = traffic.Steps.FirstOrDefault(s => s.Name == "drained")?.At ?? last;
            var stopped = traffic.Steps.FirstOrDefault(s => s.Name == "stopped")?.At ?? drained;
            Lane(html, y, previous, "previous");
            if (switched is { } s)
            {
                Segment(html, X(origin), X(s), y, "serving", $"served {Count(traffic.PreviousServed, "request")}");
                Segment(html, X(s), X(drained), y, "draining", $"{traffic.InFlightFinished} in flight finished{(traffic.InFlightCut > 0 ? $", {traffic.InFlightCut} cut" : "")}");
                Segment(html, X(drained), X(stopped), y, "stopping", "");
            }

            y += LaneHeight + 8;
        }

        Lane(html, y, traffic.Release, "new");
        foreach (var (phase, from, to) in phases.Where(p => p.Phase is "staging" or "starting" or "health gate" or "rollout" or "switch"))
        {
            Segment(html, X(from), X(to), y, Css(phase), phase);
        }

        if (switched is { } at)
        {
            var errors = traffic.ServerErrors > 0 ? $", {traffic.ServerErrors} with 5xx" : "";
            Segment(html, X(at), X(last), y, "serving", $"served {Count(traffic.Served, "request")}{errors}");
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"switch-line\" x1=\"{X(at):0.##}\" y1=\"12\" x2=\"{X(at):0.##}\" y2=\"{y + LaneHeight + 4}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"switch-label\" x=\"{X(at):0.##}\" y=\"10\">switch</text>\n");
        }

        // The steps as ticks on the release's own clock.
        var axis = y + LaneHeight + 18;
        foreach (var step in traffic.Steps)
        {
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"step\" data-step=\"{E(step.Name)}\"><line class=\"tick\" x1=\"{X(step.At):0.##}\" y1=\"{axis - 6}\" x2=\"{X(step.At):0.##}\" y2=\"{axis}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<title>{E($"{step.Name} at {step.At.ToUniversalTime():HH:mm:ss.fff} UTC (+{Seconds(step.At - origin)})")}</title></g>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick-label\" x=\"{LabelWidth}\" y=\"{axis + 12}\">0</text><text class=\"tick-label\" x=\"{LabelWidth + chart}\" y=\"{axis + 12}\">{Seconds(last - origin)}</text>\n")
            .Append("</svg>\n<table class=\"facts release-steps\">\n");
        foreach (var step in traffic.Steps)
        {
            html.Append("<tr><th>").Append(E(step.Name)).Append("</th><td>").Append(E($"{step.At.ToUniversalTime():HH:mm:ss.fff} UTC (+{Seconds(step.At - origin)})")).Append("</td></tr>\n");
        }

        html.Append("<tr><th>requests</th><td class=\"release-summary\">").Append(E(Summary(traffic))).Append("</td></tr>\n</table>\n</div>\n");
    }

    public const string Style = """
        .release .label { fill: #58636f; font-size: 11px; }
        .phase, .segment { stroke: #fff; stroke-width: 0.5; }
        .staging { fill: #b9c3cd; } .starting { fill: #8fb1d6; } .health-gate { fill: #4fa3a5; } .switch { fill: #6f57b5; }
        .bake { fill: #9fd3a8; } .drain, .draining { fill: #c98a3b; } .stop, .stopping { fill: #9aa5b1; } .serving { fill: #3c9a4a; }
        .release-chart { max-width: 100%; height: auto; font-size: 11px; }
        .release-chart .lane { text-anchor: end; } .release-chart .segment-label { fill: #fff; font-size: 11px; }
        .release-chart .tick { stroke: #58636f; } .release-chart .tick-label { fill: #6b7682; text-anchor: middle; }
        .key.starting { background: #8fb1d6; } .key.health-gate { background: #4fa3a5; } .key.switch { background: #6f57b5; } .key.drain { background: #c98a3b; }
        .switch-line { stroke: #6f57b5; stroke-dasharray: 3 2; } .switch-label { fill: #6f57b5; text-anchor: middle; }
        """;

    private static void Lane(StringBuilder html, int y, string release, string which) =>
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"lane\" data-lane=\"{which}\" x=\"{LabelWidth - 8}\" y=\"{y + 17}\">{E(release)}</text>");

    private static void Segment(StringBuilder html, double from, double to, int y, string css, string label)
    {
        var width = Math.Max(to - from, 1);
        html.Append(CultureInfo.InvariantCulture, $"<g class=\"segment-group\" data-segment=\"{E(css)}\"><rect class=\"segment {E(css)}\" x=\"{from:0.##}\" y=\"{y}\" width=\"{width:0.##}\" height=\"{LaneHeight}\"/>");
        if (label.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<title>{E(label)}</title>");

            // A label goes inside its segment only where it fits (about 6 px a character).
            if (width > label.Length * 6.2)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text class=\"segment-label\" x=\"{from + 4:0.##}\" y=\"{y + 17}\">{E(label)}</text>");
            }
        }

        html.Append("</g>\n");
    }

    private static string Short(ReleaseTraffic traffic) => traffic.Previous is null
        ? $"{traffic.Release}: {traffic.Served} served"
        : $"{traffic.Previous} → {traffic.Release}: {traffic.PreviousServed} + {traffic.InFlightFinished} in flight on {traffic.Previous}, {traffic.Served} on {traffic.Release}";

    private static string Count(long count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static string Css(string phase) => phase.Replace(' ', '-');

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(duration.TotalMilliseconds, 0):0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
