namespace Stagecraft.Core.References;

/// <summary>
/// Parses <c>${…}</c> references inside a scalar. <c>$${</c> writes a literal <c>${</c>.
/// Errors are reported to the bag with the column of the offending reference.
/// </summary>
public static class TemplateParser
{
    private static readonly string[] KnownForms =
        ["var.NAME", "environment", "project", "stages.NAME.outputs.KEY", "stage.dir", "ssm:/path", "secret:NAME", "os:NAME", "region", "account"];

    public static Template Parse(ConfigScalar scalar, DiagnosticBag diagnostics)
    {
        var text = scalar.Text;
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return new Template(scalar, text.Length == 0 ? [] : [new LiteralSegment(text)]);
        }

        var segments = new List<TemplateSegment>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }

            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                var location = scalar.TextLocation.Shift(i);
                if (close < 0)
                {
                    diagnostics.Add(location, $"unterminated reference '{text[i..]}'", "close it with '}', or write '$${' for a literal '${'");
                    literal.Append(text[i..]);
                    break;
                }

                var body = text[(i + 2)..close].Trim();
                var reference = ParseBody(body, text[i..(close + 1)], location, diagnostics);
                if (reference is not null)
                {
                    if (literal.Length > 0)
                    {
                        segments.Add(new LiteralSegment(literal.ToString()));
                        literal.Clear();
                    }

                    segments.Add(new ReferenceSegment(reference));
                }

                i = close + 1;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        if (literal.Length > 0)
        {
            segments.Add(new LiteralSegment(literal.ToString()));
        }

        return new Template(scalar, segments);
    }

    private static Reference? ParseBody(string body, string text, SourceLocation location, DiagnosticBag diagnostics)
    {
        if (body == "environment")
        {
            return new Reference(ReferenceKind.Environment, "environment", null, text, location);
        }

        if (body == "project")
        {
            return new Reference(ReferenceKind.Project, "project", null, text, location);
        }

        if (body is "region" or "account")
        {
            return new Reference(body == "region" ? ReferenceKind.Region : ReferenceKind.Account, body, null, text, location);
        }

        if (body == "stage.dir")
        {
            return new Reference(ReferenceKind.StageDir, "dir", null, text, location);
        }

        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var scheme = body[..colon];
            var name = body[(colon + 1)..];
            switch (scheme)
            {
                case "ssm" when Names.ParameterProblem(name, writing: false) is { } problem:
                    diagnostics.Add(location, $"invalid parameter path in '{text}': {problem}",
                        $"write an absolute path such as ${{ssm:/myproject/dev/common/EFSID}}; parameter names are {Names.ParameterRule}");
                    return null;
                case "ssm":
                    return new Reference(ReferenceKind.Ssm, name, null, text, location);
                case "secret" when Names.IsSecret(name):
                    return new Reference(ReferenceKind.Secret, name, null, text, location);
                case "secret":
                    diagnostics.Add(location, $"invalid secret name in '{text}'", $"secret names use {Names.SecretRule}, e.g. ${{secret:db_password}}");
                    return null;
                case "os" when Names.IsEnvironmentVariable(name):
                    return new Reference(ReferenceKind.OsEnvironment, name, null, text, location);
                case "os":
                    diagnostics.Add(location, $"invalid environment variable name in '{text}'", "write e.g. ${os:GIT_COMMIT}");
                    return null;
            }
        }

        var parts = body.Split('.');
        if (parts is ["var", var variable] && Names.IsVariable(variable))
        {
            return new Reference(ReferenceKind.Variable, variable, null, text, location);
        }

        if (parts is ["stages", var stage, "outputs", var key] && Names.IsVariable(stage) && Names.IsVariable(key))
        {
            return new Reference(ReferenceKind.StageOutput, stage, key, text, location);
        }

        diagnostics.Add(location, $"unknown reference '{text}'", SuggestForm(body));
        return null;
    }

    private static string SuggestForm(string body)
    {
        var head = body.Split('.', ':')[0];
        var hint = head switch
        {
            "vars" or "variables" or "variable" => "variables are written ${var.NAME}",
            "stage" or "stage_outputs" or "outputs" => "another stage's output is written ${stages.NAME.outputs.KEY}; this stage's directory is ${stage.dir}",
            "stages" => "write ${stages.NAME.outputs.KEY}",
            "env" => "the environment name is ${environment}; a process environment variable is ${os:NAME}",
            "secrets" => "write ${secret:NAME}",
            _ => null,
        };
        return hint ?? "valid forms: " + string.Join(", ", KnownForms.Select(f => "${" + f + "}"));
    }
}
