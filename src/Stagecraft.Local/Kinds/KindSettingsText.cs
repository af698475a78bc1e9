namespace Stagecraft.Local.Kinds;

/// <summary>Offline checks can only look at values written without references; this finds them.</summary>
internal static class KindSettingsText
{
    public static ConfigScalar? Literal(StageDefinition stage, string key) =>
        stage.Settings[key] is ConfigScalar { IsNull: false } scalar && !scalar.Text.Contains('$', StringComparison.Ordinal) ? scalar : null;
}
