namespace Stagecraft.FakeAws;

/// <summary>Parses a CLI's argv the way the real tools do for the options Stagecraft passes.</summary>
internal sealed class Args
{
    private static readonly HashSet<string> Flags = ["--no-cli-pager", "--force-delete", "--auto-rollback-enabled", "--password-stdin", "--force", "--verbose", "--version"];
    private static readonly HashSet<string> Multi = ["--capabilities", "--include-only-statuses", "--stack-resource-drift-status-filters"];
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    public Args(IReadOnlyList<string> argv)
    {
        for (var i = 0; i < argv.Count; i++)
        {
            var token = argv[i];
            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                Positional.Add(token);
                continue;
            }

            var values = _options.TryGetValue(token, out var existing) ? existing : _options[token] = [];
            if (Flags.Contains(token))
            {
                continue;
            }

            if (Multi.Contains(token))
            {
                while (i + 1 < argv.Count && !argv[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    values.Add(argv[++i]);
                }

                continue;
            }

            if (i + 1 < argv.Count)
            {
                values.Add(argv[++i]);
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Has(string option) => _options.ContainsKey(option);

    public string? Get(string option) => _options.TryGetValue(option, out var values) && values.Count > 0 ? values[^1] : null;

    public string Required(string option) => Get(option) ?? throw new FakeError(252, $"aws: error: the following arguments are required: {option}");

    public IReadOnlyList<string> All(string option) => _options.TryGetValue(option, out var values) ? values : [];

    /// <summary>Reads 'file://path' and 'fileb://path' like the aws CLI; anything else is the value itself.</summary>
    public static string Content(string value) =>
        value.StartsWith("file://", StringComparison.Ordinal) ? File.ReadAllText(value["file://".Length..])
        : value.StartsWith("fileb://", StringComparison.Ordinal) ? File.ReadAllText(value["fileb://".Length..])
        : value;
}
