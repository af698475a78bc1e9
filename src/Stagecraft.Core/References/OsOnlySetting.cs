namespace Stagecraft.Core.References;

/// <summary>
/// A target setting that is needed before anything else can be resolved (an environment's region
/// or profile): it may use <c>${os:NAME}</c> and nothing else, expanded from the process environment.
/// </summary>
public static class OsOnlySetting
{
    /// <summary>
    /// The setting's value with each <c>${os:NAME}</c> replaced; problems go to <paramref name="diagnostics"/>
    /// with their location. With a null <paramref name="lookup"/> only the form is checked (validate).
    /// An <paramref name="optional"/> setting takes an unset variable as empty instead of an error.
    /// </summary>
    public static string? Expand(ConfigScalar? scalar, string what, Func<string, string?>? lookup, DiagnosticBag diagnostics, bool optional = false)
    {
        if (scalar is null)
        {
            return null;
        }

        var template = TemplateParser.Parse(scalar, diagnostics);
        var text = new System.Text.StringBuilder();
        foreach (var segment in template.Segments)
        {
            switch (segment)
            {
                case LiteralSegment literal:
                    text.Append(literal.Text);
                    break;
                case ReferenceSegment { Reference: { Kind: ReferenceKind.OsEnvironment } reference }:
                    if (lookup is null)
                    {
                        break;
                    }

                    var value = lookup(reference.Name);
                    if (string.IsNullOrEmpty(value) && !optional)
                    {
                        diagnostics.Add(reference.Location, $"environment variable '{reference.Name}' (in {what}) is not set", $"export {reference.Name} before running stagecraft, or write the value out");
                    }
                    else
                    {
                        text.Append(value);
                    }

                    break;
                case ReferenceSegment { Reference: var other }:
                    diagnostics.Add(other.Location, $"'{other.Text}' cannot be used in {what}", $"{what} may only use ${{os:NAME}} (it is needed before anything else is read); write it out or use e.g. ${{os:AWS_REGION}}");
                    break;
            }
        }

        return text.ToString();
    }
}
