using System.Net;

namespace Stagecraft.Cli.Reports;

/// <summary>
/// Writes a run report as one self-contained HTML file: inline CSS and SVG only, no script, no font, no
/// image and no link that would make a browser ask the network for anything.
/// </summary>
internal static class HtmlReport
{
    private const int LabelWidth = 190;
    private const int ChartWidth = 640;
    private const int RowHeight = 24;

    // Room right of the chart for the duration and its comparison with the last success.
    private const int TextRoom = 300;

    public static string Render(ReportModel model)
    {
        var html = new StringBuilder();
        var title = $"Run {model.RunId}: {model.Verb} of {model.Project} to {model.Environment}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Css).Append(ReleaseChart.Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(title)).Append(" <span class=\"status status-").Append(E(model.Status.Replace(' ', '-'))).Append("\">").Append(E(model.Status)).Append("</span></h1>\n");
        Metadata(html, model);
        Timeline(html, model);
        Graph(html, model);
        html.Append("<h2>Stages</h2>\n");
        foreach (var stage in model.Stages)
        {
            Stage(html, stage);
        }

        html.Append("<footer>Written by Stagecraft ").Append(E(model.Version)).Append(" at ").Append(Time(model.GeneratedAt)).Append(" UTC.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Metadata(StringBuilder html, ReportModel model)
    {
        var took = model.FinishedAt is { } end ? Seconds(end - model.StartedAt) : "still running";
        html.Append("<table class=\"meta\">\n");
        Row(html, "who", $"{model.User}@{model.Host}");
        Row(html, "started", Time(model.StartedAt) + " UTC");
        Row(html, "finished", model.FinishedAt is { } f ? Time(f) + " UTC" : "-");
        Row(html, "took", took);
        Row(html, "command", "stagecraft " + model.Arguments);
        if (model.Note is not null)
        {
            Row(html, "note", model.Note);
        }

        Row(html, "Stagecraft", model.Version);
        html.Append("</table>\n");
    }

    private static void Timeline(StringBuilder html, ReportModel model)
    {
        var ran = model.Stages.Where(s => s.Ran).ToList();
        var origin = model.StartedAt;
        var last = ran.Select(s => s.End!.Value).Append(model.FinishedAt ?? origin).Max();
        var span = Math.Max((last - origin).TotalSeconds, 0.001);
        double X(DateTimeOffset t) => LabelWidth + Math.Clamp((t - origin).TotalSeconds / span, 0, 1) * ChartWidth;
        var releases = model.Stages.Count(s => s.Ran && s.Traffic is not null);
        var height = ((model.Stages.Count + releases) * RowHeight) + 30;

        html.Append("<h2>Timeline</h2>\n<p class=\"legend\"><span class=\"key critical-key\"></span> critical path (what decided when the run ended) ")
            .Append("<span class=\"key wait-key\"></span> ready, waiting for a free slot ")
            .Append("<span class=\"key succeeded\"></span> succeeded <span class=\"key failed\"></span> failed <span class=\"key other\"></span> other")
            .Append(releases == 0 ? "" : "; a service's release: <span class=\"key starting\"></span> starting <span class=\"key health-gate\"></span> health gate <span class=\"key switch\"></span> switch <span class=\"key drain\"></span> drain")
            .Append("</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"timeline\" class=\"timeline\" role=\"img\" aria-label=\"timeline of the run's stages\" width=\"{LabelWidth + ChartWidth + TextRoom}\" height=\"{height}\" viewBox=\"0 0 {LabelWidth + ChartWidth + TextRoom} {height}\">\n");
        for (var tick = 0; tick <= 4; tick++)
        {
            var x = LabelWidth + (tick * ChartWidth / 4.0);
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"tick\" x1=\"{x:0.#}\" y1=\"0\" x2=\"{x:0.#}\" y2=\"{height - 20}\"/><text class=\"tick-label\" x=\"{x:0.#}\" y=\"{height - 6}\">{Seconds(TimeSpan.FromSeconds(span * tick / 4))}</text>\n");
        }

        var row = 0;
        for (var i = 0; i < model.Stages.Count; i++)
        {
            var stage = model.Stages[i];
            var y = (row++ * RowHeight) + 4;
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"bar{(stage.Critical ? " critical" : "")}\" data-stage=\"{E(stage.Name)}\" data-result=\"{E(stage.Result)}\" data-critical=\"{(stage.Critical ? "true" : "false")}\">")
                .Append(CultureInfo.InvariantCulture, $"<title>{E(Tooltip(stage))}</title>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{LabelWidth - 8}\" y=\"{y + 14}\">{E(stage.Name)}</text>");
            if (stage.Ran)
            {
                var start = X(stage.Start!.Value);
                var end = Math.Max(X(stage.End!.Value), start + 2);
                if (stage.Ready is { } ready && X(ready) < start - 0.5)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<rect class=\"wait\" x=\"{X(ready):0.##}\" y=\"{y + 6}\" width=\"{start - X(ready):0.##}\" height=\"6\"/>");
                }

                html.Append(CultureInfo.InvariantCulture, $"<rect class=\"run {ResultClass(stage.Result)}\" x=\"{start:0.##}\" y=\"{y}\" width=\"{end - start:0.##}\" height=\"{RowHeight - 8}\" rx=\"3\"/>")
                    .Append(CultureInfo.InvariantCulture, $"<text class=\"duration\" x=\"{end + 6:0.##}\" y=\"{y + 13}\">{E(Seconds(stage.Duration) + Compared(stage))}</text>");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<text class=\"not-run\" x=\"{LabelWidth + 4}\" y=\"{y + 14}\">{E(stage.Result)}</text>");
            }

            html.Append("</g>\n");
            if (stage.Ran && stage.Traffic is { } traffic)
            {
                ReleaseChart.TimelineRow(html, stage, traffic, LabelWidth - 8, (row++ * RowHeight) + 4, RowHeight - 12, X);
            }
        }

        html.Append("</svg>\n");
    }

    private static void Graph(StringBuilder html, ReportModel model)
    {
        html.Append("<h2>Dependencies</h2>\n<table class=\"graph\"><tr><th>stage</th><th>depends on</th></tr>\n");
        foreach (var stage in model.Stages)
        {
            html.Append("<tr><td><a href=\"#stage-").Append(E(stage.Name)).Append("\">").Append(E(stage.Name)).Append("</a></td><td>")
                .Append(stage.DependsOn.Count == 0 ? "-" : E(string.Join(", ", stage.DependsOn))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Stage(StringBuilder html, ReportStage stage)
    {
        html.Append("<section class=\"stage\" id=\"stage-").Append(E(stage.Name)).Append("\" data-stage=\"").Append(E(stage.Name)).Append("\">\n<h3>")
            .Append(E(stage.Name)).Append(" <span class=\"kind\">").Append(E(stage.Kind)).Append("</span> <span class=\"result ").Append(ResultClass(stage.Result)).Append("\">")
            .Append(E(stage.Result)).Append("</span>").Append(stage.Critical ? " <span class=\"on-path\">critical path</span>" : "").Append("</h3>\n<table class=\"facts\">\n");
        Row(html, "action", stage.Action);
        if (stage.Reason is not null)
        {
            Row(html, "reason", stage.Reason);
        }

        if (stage.Ran)
        {
            Row(html, "ran", $"{Time(stage.Start!.Value)} → {Time(stage.End!.Value)} UTC ({Seconds(stage.Duration)}{Compared(stage)})");
            if (stage.Ready is { } ready && stage.Start > ready)
            {
                Row(html, "waited", $"{Seconds(stage.Start.Value - ready)} between ready and started");
            }
        }

        html.Append("</table>\n");
        if (stage.Ran && stage.Traffic is { } traffic)
        {
            ReleaseChart.Detail(html, stage, traffic);
        }

        if (stage.Error is not null)
        {
            html.Append("<div class=\"failure\"><p class=\"error\">").Append(E(stage.Error)).Append("</p>\n");
            foreach (var hint in stage.Hints)
            {
                html.Append("<p class=\"hint\">hint: ").Append(E(hint)).Append("</p>\n");
            }

            html.Append("</div>\n");
        }

        if (stage.Outputs.Count > 0)
        {
            html.Append("<table class=\"outputs\"><tr><th>output</th><th>value</th></tr>\n");
            foreach (var (key, value) in stage.Outputs)
            {
                html.Append("<tr><td>").Append(E(key)).Append("</td><td><code>").Append(E(value)).Append("</code></td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (stage.LogTail.Count > 0)
        {
            html.Append("<p class=\"log-title\">last lines of the log</p><pre class=\"log\">").Append(E(string.Join('\n', stage.LogTail))).Append("</pre>\n");
        }

        if (stage.FullLog is not null)
        {
            html.Append("<details><summary>full log</summary><pre class=\"log\">").Append(E(stage.FullLog)).Append("</pre></details>\n");
        }

        html.Append("</section>\n");
    }

    private static string Tooltip(ReportStage stage) => stage.Ran
        ? $"{stage.Name} ({stage.Kind}): {stage.Result} in {Seconds(stage.Duration)}{Compared(stage)}"
        : $"{stage.Name} ({stage.Kind}): {stage.Result}";

    private static string Compared(ReportStage stage)
    {
        if (stage.PreviousSuccess is not { } before || before <= TimeSpan.Zero)
        {
            return "";
        }

        var change = (stage.Duration - before).TotalSeconds / before.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"; {(change >= 0 ? "+" : "")}{change:0%} vs {Seconds(before)} last success");
    }

    private static string ResultClass(string result) => result switch
    {
        "succeeded" or "destroyed" => "succeeded",
        "failed" or "interrupted" => "failed",
        _ => "other",
    };

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s"),
    };

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d232a; max-width: 1180px; }
        h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #d8dde3; }
        h3 { font-size: 15px; margin: 0 0 6px; }
        table { border-collapse: collapse; } th, td { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; }
        .meta th, .facts th { color: #58636f; font-weight: normal; }
        .status { font-size: 14px; padding: 2px 8px; border-radius: 10px; background: #e3e7eb; }
        .status-succeeded { background: #d7f0da; } .status-failed, .status-interrupted, .status-crashed { background: #f7d9d9; }
        .timeline { max-width: 100%; height: auto; font-size: 12px; }
        .timeline .label { text-anchor: end; } .timeline .tick { stroke: #e6e9ed; } .timeline .tick-label { fill: #6b7682; text-anchor: middle; }
        .run.succeeded { fill: #3c9a4a; } .run.failed { fill: #c9413b; } .run.other { fill: #9aa5b1; }
        .critical .run { stroke: #1d232a; stroke-width: 2.5; } .critical .label { font-weight: bold; }
        .wait { fill: #e8b949; } .duration, .not-run { fill: #58636f; }
        .legend .key { display: inline-block; width: 14px; height: 10px; margin: 0 4px 0 10px; vertical-align: middle; }
        .key.critical-key { border: 2.5px solid #1d232a; width: 10px; height: 6px; } .key.wait-key { background: #e8b949; }
        .key.succeeded { background: #3c9a4a; } .key.failed { background: #c9413b; } .key.other { background: #9aa5b1; }
        .stage { border: 1px solid #d8dde3; border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
        .kind { color: #58636f; font-weight: normal; } .result { font-weight: normal; padding: 1px 6px; border-radius: 8px; background: #e3e7eb; }
        .result.succeeded { background: #d7f0da; } .result.failed { background: #f7d9d9; }
        .on-path { font-weight: normal; font-size: 12px; border: 1px solid #1d232a; border-radius: 8px; padding: 0 6px; }
        .failure { background: #fdf0f0; border-left: 4px solid #c9413b; padding: 4px 10px; margin: 8px 0; }
        .error { margin: 4px 0; font-weight: 600; } .hint { margin: 4px 0; color: #7a4d00; }
        pre.log { background: #f4f6f8; padding: 8px; overflow-x: auto; font-size: 12px; max-height: 420px; }
        .log-title { margin: 8px 0 2px; color: #58636f; font-size: 12px; }
        footer { margin-top: 30px; color: #6b7682; font-size: 12px; }
        """;
}
