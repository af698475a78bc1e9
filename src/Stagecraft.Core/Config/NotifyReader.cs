namespace Stagecraft.Core.Config;

/// <summary>Reads a 'notify:' list (top level or in an environment).</summary>
internal static class NotifyReader
{
    public static readonly IReadOnlyDictionary<string, NotifyEvent> EventNames = new Dictionary<string, NotifyEvent>(StringComparer.Ordinal)
    {
        ["started"] = NotifyEvent.Started,
        ["succeeded"] = NotifyEvent.Succeeded,
        ["failed"] = NotifyEvent.Failed,
        ["awaiting_approval"] = NotifyEvent.AwaitingApproval,
        ["rolled_back"] = NotifyEvent.RolledBack,
    };

    private static readonly string[] Keys = ["url", "format", "on", "headers"];

    public static IReadOnlyList<NotifyDefinition> Read(ConfigEntry? section, string owner, DiagnosticBag diagnostics)
    {
        if (section is null || section.Value is ConfigScalar { IsNull: true })
        {
            return [];
        }

        if (section.Value is not ConfigList list)
        {
            diagnostics.Add(section.Value.Location, $"'notify' in {owner} must be a list of webhooks, not {section.Value.Describe()}",
                "e.g. notify: [{ url: \"${secret:slack-hook}\", format: slack }]");
            return [];
        }

        var result = new List<NotifyDefinition>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemOwner = $"notify #{i + 1} of {owner}";
            var reader = MapReader.For(list.Items[i], itemOwner, diagnostics, list.Items[i].Location);
            if (reader is null)
            {
                continue;
            }

            reader.RejectUnknownKeys(Keys);
            var url = reader.Scalar("url", required: true);
            if (url is not null)
            {
                CheckTemplate(url, itemOwner, diagnostics);
                if (!url.Text.Contains("${", StringComparison.Ordinal) && !IsHttpUrl(url.Text))
                {
                    diagnostics.Add(url.TextLocation, $"'url' of {itemOwner} must be an http:// or https:// URL", "or a ${secret:NAME} that holds one");
                }
            }

            var format = ReadFormat(reader.Scalar("format"), itemOwner, diagnostics);
            var on = ReadEvents(reader, itemOwner, diagnostics);
            var headers = new List<KeyValuePair<string, ConfigScalar>>();
            if (reader.Mapping("headers") is { } headerMap)
            {
                foreach (var entry in headerMap.Entries)
                {
                    if (entry.Value is not ConfigScalar value || value.IsNull)
                    {
                        diagnostics.Add(entry.KeyLocation, $"header '{entry.Key}' of {itemOwner} must be a single value", "write it as Name: value, one value per header");
                        continue;
                    }

                    if (entry.Key.Length == 0 || entry.Key.Any(c => c <= ' ' || c >= 127 || c == ':'))
                    {
                        diagnostics.Add(entry.KeyLocation, $"'{entry.Key}' is not a valid HTTP header name in {itemOwner}", "a header name is letters, digits and !#$%&'*+-.^_`|~ with no spaces, e.g. Authorization or X-Api-Key");
                        continue;
                    }

                    CheckTemplate(value, itemOwner, diagnostics);
                    headers.Add(new(entry.Key, value));
                }
            }

            if (url is not null)
            {
                result.Add(new NotifyDefinition(url, format, on, headers, reader.Map.Location));
            }
        }

        return result;
    }

    private static NotifyFormat ReadFormat(ConfigScalar? scalar, string owner, DiagnosticBag diagnostics)
    {
        switch (scalar?.Text)
        {
            case null or "json":
                return NotifyFormat.Json;
            case "slack":
                return NotifyFormat.Slack;
            default:
                diagnostics.Add(scalar.TextLocation, $"unknown format '{scalar.Text}' in {owner}", "use json or slack");
                return NotifyFormat.Json;
        }
    }

    private static HashSet<NotifyEvent> ReadEvents(MapReader reader, string owner, DiagnosticBag diagnostics)
    {
        var list = reader.List("on", allowSingle: true);
        if (list is null)
        {
            // Without 'on' every event is sent.
            return [.. EventNames.Values];
        }

        var events = new HashSet<NotifyEvent>();
        foreach (var item in list.Items)
        {
            if (item is ConfigScalar scalar && EventNames.TryGetValue(scalar.Text, out var known))
            {
                events.Add(known);
            }
            else
            {
                var text = (item as ConfigScalar)?.Text ?? item.Describe();
                diagnostics.Add(item.Location, $"unknown event '{text}' in {owner}", $"{DidYouMean.Hint(text, EventNames.Keys.ToList(), "events")}; events: {string.Join(", ", EventNames.Keys)}");
            }
        }

        return events;
    }

    // A webhook is sent outside any stage: only values known before the run may be used.
    private static void CheckTemplate(ConfigScalar scalar, string owner, DiagnosticBag diagnostics)
    {
        foreach (var reference in TemplateParser.Parse(scalar, diagnostics).References.Where(r => r.Kind is ReferenceKind.StageOutput or ReferenceKind.StageDir))
        {
            diagnostics.Add(reference.Location, $"'{reference.Text}' cannot be used in {owner}", "notify may use variables, ${environment}, ${project}, ${os:NAME} and ${secret:NAME}");
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
