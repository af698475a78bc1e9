using System.Text.RegularExpressions;

namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>The history table's name, checked and quoted: it is spliced into SQL, so only plain identifiers pass.</summary>
internal sealed partial record HistoryTable(string? Schema, string Table)
{
    public const string Default = "stagecraft_schema_history";

    public string Name => Schema is null ? Table : $"{Schema}.{Table}";

    public string Quoted => Schema is null ? Quote(Table) : $"{Quote(Schema)}.{Quote(Table)}";

    public static HistoryTable Parse(string text, bool allowSchema)
    {
        var match = Identifier().Match(text);
        if (!match.Success || (!allowSchema && match.Groups["table"].Success))
        {
            throw new StageFailedException($"'table' is '{text}', which is not a plain table name",
                hint: allowSchema ? "use letters, digits and '_', optionally schema.table" : "use letters, digits and '_'");
        }

        return match.Groups["table"].Success
            ? new HistoryTable(match.Groups["first"].Value, match.Groups["table"].Value)
            : new HistoryTable(null, match.Groups["first"].Value);
    }

    private static string Quote(string identifier) => "\"" + identifier + "\"";

    [GeneratedRegex("^(?<first>[A-Za-z_][A-Za-z0-9_]{0,62})(?:\\.(?<table>[A-Za-z_][A-Za-z0-9_]{0,62}))?$")]
    private static partial Regex Identifier();
}
