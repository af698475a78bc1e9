using System.Text.RegularExpressions;
using NameRules = Stagecraft.Core.Config.Names;

namespace Stagecraft.Local.Kinds.Parameters;

/// <summary>What a parameters stage asks for, checked: the prefix and one entry per key with its full name.</summary>
internal sealed partial record ParameterSet(string Path, IReadOnlyList<ParameterEntry> Entries)
{
    public HashSet<string> Names => Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

    public static ParameterSet From(ResolvedMap settings)
    {
        var pathScalar = settings.Scalar("path") ?? throw ParametersKind.Invalid("setting 'path' is required");
        var path = pathScalar.Value;
        if (!path.StartsWith('/') || !path.EndsWith('/') || (path != "/" && NameRules.ParameterProblem(path.TrimEnd('/'), writing: true) is not null))
        {
            throw ParametersKind.Invalid($"{pathScalar.Location}: 'path' is '{path}', which is not an absolute prefix ending with '/'",
                "write e.g. path: /${project}/${environment}/common/");
        }

        var values = settings.ScalarMap("values") ?? throw ParametersKind.Invalid("setting 'values' is required");
        if (values.Count == 0)
        {
            throw ParametersKind.Invalid($"{settings["values"]!.Location}: 'values' is empty", "list at least one key: value");
        }

        var secureKeys = settings.ScalarList("secure") ?? [];
        var keys = values.Select(v => v.Key).ToList();
        foreach (var secure in secureKeys)
        {
            if (!keys.Contains(secure.Value, StringComparer.Ordinal))
            {
                throw ParametersKind.Invalid($"{secure.Location}: 'secure' names '{secure.Value}', which is not a key of 'values'", DidYouMean.Hint(secure.Value, keys, "keys"));
            }
        }

        var entries = new List<ParameterEntry>(values.Count);
        foreach (var (key, value) in values)
        {
            if (!Key().IsMatch(key) || key == "path")
            {
                throw ParametersKind.Invalid($"{value.Location}: invalid key '{key}' in 'values'",
                    key == "path" ? "'path' is taken by the output naming the prefix; choose another key" : "keys are letters, digits, '_', '.' and '-', optionally nested with '/', e.g. db_host or db/host");
            }

            var name = path + key;
            if (NameRules.ParameterProblem(name, writing: true) is { } problem)
            {
                throw ParametersKind.Invalid($"{value.Location}: invalid parameter name '{name}': {problem}", $"parameter names are {NameRules.ParameterRule}, e.g. /myproject/dev/common/db_host");
            }

            var secureFlag = value.Sensitive || secureKeys.Any(s => s.Value == key);
            entries.Add(new ParameterEntry(key, name, value.Value, secureFlag));
        }

        return new ParameterSet(path, entries);
    }

    [GeneratedRegex("^[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*$")]
    private static partial Regex Key();
}
