using System.Globalization;
using System.Text.RegularExpressions;

namespace Stagecraft.Integration.Tests.Metrics;

/// <summary>A parsed Prometheus text exposition: each sample by its name and labels.</summary>
internal sealed partial class Scrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private Scrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"not a Prometheus sample line: '{line}'");
            }

            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            _samples.Add((match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public static Scrape Parse(string text) => new(text);

    public static async Task<Scrape> FetchAsync(HttpClient http, int port)
    {
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/metrics"));
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of the one sample with this name and these labels (others may be present); 0 when there is none.</summary>
    public double Value(string name, params (string Key, string Value)[] labels)
    {
        var found = _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).ToList();
        found.Count.Should().BeLessThanOrEqualTo(1, $"one sample of {name} with those labels in:\n{Text}");
        return found.Count == 0 ? 0 : found[0].Value;
    }

    /// <summary>The sum of every sample with this name and at least these labels.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    public IEnumerable<IReadOnlyDictionary<string, string>> LabelsOf(string name) => _samples.Where(s => s.Name == name).Select(s => s.Labels);

    [GeneratedRegex("^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?<labels>.*)\\})? (?<value>\\S+)( \\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
