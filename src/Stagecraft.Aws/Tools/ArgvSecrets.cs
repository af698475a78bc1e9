namespace Stagecraft.Aws.Tools;

/// <summary>
/// Refuses secrets in settings that a tool only takes on its command line: an argv is visible
/// to every user of the machine in the process list, and in CI runners' process dumps.
/// </summary>
internal static class ArgvSecrets
{
    /// <summary>Throws when any entry of the map <paramref name="key"/> is sensitive; names the entry, never its value.</summary>
    public static void Refuse(ResolvedMap settings, string key, string option, string instead)
    {
        foreach (var (name, value) in settings.ScalarMap(key) ?? [])
        {
            if (value.Sensitive)
            {
                throw new StageFailedException(
                    $"'{key}.{name}' holds a secret, and {option} would put it on the command line, which every process list shows",
                    hint: instead);
            }
        }
    }
}
