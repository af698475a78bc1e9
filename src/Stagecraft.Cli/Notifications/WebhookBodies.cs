using System.Text.Json.Serialization;

namespace Stagecraft.Cli.Notifications;

/// <summary>The request bodies: Stagecraft's own JSON (docs/notify.md) or a Slack incoming-webhook message.</summary>
internal static class WebhookBodies
{
    public const int SchemaVersion = 1;

    /// <summary>Slack shows at most this many stage lines; the rest are counted.</summary>
    private const int SlackStageLines = 15;

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string For(NotifyFormat format, RunEventMessage message) => format == NotifyFormat.Slack ? Slack(message) : Json(message);

    public static string Json(RunEventMessage m) => JsonSerializer.Serialize(new JsonBody(
        SchemaVersion,
        RunEventMessage.EventName(m.Event),
        m.Run,
        m.Project,
        m.Environment,
        m.Verb,
        m.Status,
        new JsonWho(m.User, m.Host),
        m.Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        m.Summary,
        m.Stages.Select(s => new JsonStage(s.Name, s.Kind, s.Action, s.Result, s.DurationSeconds is { } d ? Math.Round(d, 3) : null, s.Error)).ToList()), Options);

    public static string Slack(RunEventMessage m)
    {
        var headline = $"{Icon(m.Event)} {m.Verb} of {m.Project} to {m.Environment}: {Words(m.Event)} (run {m.Run}, by {m.User}@{m.Host})";
        var lines = new StringBuilder();
        foreach (var stage in m.Stages.Take(SlackStageLines))
        {
            lines.Append("• `").Append(Escape(stage.Name)).Append("` ").Append(Escape(stage.Result ?? stage.Action));
            if (stage.DurationSeconds is { } seconds && seconds > 0)
            {
                lines.Append(CultureInfo.InvariantCulture, $" ({seconds:0.0}s)");
            }

            if (stage.Error is not null)
            {
                lines.Append(": ").Append(Escape(stage.Error.Length > 200 ? stage.Error[..199] + "…" : stage.Error));
            }

            lines.Append('\n');
        }

        if (m.Stages.Count > SlackStageLines)
        {
            lines.Append(CultureInfo.InvariantCulture, $"…and {m.Stages.Count - SlackStageLines} more\n");
        }

        var blocks = new List<object>
        {
            new SlackSection(new SlackText("mrkdwn", Escape(headline) + "\n" + Escape(m.Summary))),
        };
        if (lines.Length > 0)
        {
            blocks.Add(new SlackSection(new SlackText("mrkdwn", lines.ToString().TrimEnd())));
        }

        return JsonSerializer.Serialize(new SlackBody(Escape(headline), blocks), Options);
    }

    // Slack's mrkdwn gives &, < and > meaning; everything else is shown as written.
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Icon(NotifyEvent e) => e switch
    {
        NotifyEvent.Started => ":arrow_forward:",
        NotifyEvent.Succeeded => ":white_check_mark:",
        NotifyEvent.Failed => ":x:",
        NotifyEvent.AwaitingApproval => ":hourglass:",
        _ => ":leftwards_arrow_with_hook:",
    };

    private static string Words(NotifyEvent e) => e switch
    {
        NotifyEvent.AwaitingApproval => "awaiting approval",
        NotifyEvent.RolledBack => "rolled back",
        _ => RunEventMessage.EventName(e),
    };

    private sealed record JsonBody(
        [property: JsonPropertyName("schema_version")] int SchemaVersion,
        [property: JsonPropertyName("event")] string Event,
        [property: JsonPropertyName("run")] long Run,
        [property: JsonPropertyName("project")] string Project,
        [property: JsonPropertyName("environment")] string Environment,
        [property: JsonPropertyName("verb")] string Verb,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("who")] JsonWho Who,
        [property: JsonPropertyName("time")] string Time,
        [property: JsonPropertyName("summary")] string Summary,
        [property: JsonPropertyName("stages")] IReadOnlyList<JsonStage> Stages);

    private sealed record JsonWho([property: JsonPropertyName("user")] string User, [property: JsonPropertyName("host")] string Host);

    private sealed record JsonStage(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("action")] string Action,
        [property: JsonPropertyName("result")] string? Result,
        [property: JsonPropertyName("duration_seconds")] double? DurationSeconds,
        [property: JsonPropertyName("error")] string? Error);

    private sealed record SlackBody([property: JsonPropertyName("text")] string Text, [property: JsonPropertyName("blocks")] IReadOnlyList<object> Blocks);

    private sealed record SlackSection(
        [property: JsonPropertyName("text")] SlackText Text)
    {
        [JsonPropertyName("type")]
        public string Type => "section";
    }

    private sealed record SlackText([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("text")] string Text);
}
