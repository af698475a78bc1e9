using System.Text.RegularExpressions;

namespace Stagecraft.Core.Config;

/// <summary>
/// Every rule for what a name may look like, in one place: the project file is checked against
/// them at validate time and the parameter and secret stores (local and AWS) at write time, so a
/// name that passes validate is one the stores take. Names end up in paths, stack names and SSM.
/// </summary>
public static partial class Names
{
    public const string ProjectRule = "lower-case letters, digits and '-', starting with a letter (e.g. my-app)";
    public const string StageRule = "lower-case letters, digits, '-' and '_', starting with a letter (e.g. build, web-api)";
    public const string VariableRule = "letters, digits, '_' and '-', starting with a letter or '_'";
    public const string SecretRule = "letters, digits, '_' and '-', starting with a letter or '_', at most 128 characters";
    public const string ParameterRule = "absolute paths of letters, digits, '_', '.' and '-' segments, at most 15 levels and 1011 characters";

    // SSM's limits: the API allows 2048 characters, but 1037 of those are SSM's own, so a name you
    // create has at most 1011 (AWS's PutParameter reference); a hierarchy has at most 15 levels.
    private const int MaxParameterLength = 1011;
    private const int MaxParameterLevels = 15;

    public static bool IsProject(string name) => Project().IsMatch(name);

    public static bool IsStage(string name) => Stage().IsMatch(name);

    /// <summary>Variables and outputs; also what a reference accepts for a stage, so a mistyped one is reported as unknown, with a suggestion.</summary>
    public static bool IsVariable(string name) => Variable().IsMatch(name);

    /// <summary>A process environment variable, as ${os:NAME} reads it.</summary>
    public static bool IsEnvironmentVariable(string name) => EnvironmentVariable().IsMatch(name);

    /// <summary>A ${secret:NAME}; on AWS it becomes the last segment of an SSM parameter, well within SSM's limits.</summary>
    public static bool IsSecret(string name) => Secret().IsMatch(name);

    /// <summary>
    /// Why SSM would refuse the parameter <paramref name="path"/>, or null. Reading may name AWS's
    /// public parameters (/aws/service/…); writing may not use the prefixes AWS keeps (aws, ssm).
    /// </summary>
    public static string? ParameterProblem(string path, bool writing)
    {
        if (!path.StartsWith('/'))
        {
            return "it must start with '/'";
        }

        if (path.Length > MaxParameterLength)
        {
            return $"it is longer than {MaxParameterLength} characters";
        }

        if (!ParameterPath().IsMatch(path))
        {
            return path.Contains("//", StringComparison.Ordinal) || path.EndsWith('/')
                ? "it has an empty segment ('//' or a '/' at the end)"
                : "it may use only letters, digits, '_', '.', '-' and '/'";
        }

        if (path.Count(c => c == '/') > MaxParameterLevels)
        {
            return $"it has more than {MaxParameterLevels} levels";
        }

        var first = path.Split('/')[1];
        return writing && (first.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || first.StartsWith("ssm", StringComparison.OrdinalIgnoreCase))
            ? "it uses a prefix reserved by AWS (aws, ssm), which may be read but not written"
            : null;
    }

    /// <summary>Refuses a parameter name a store would send to SSM in vain (exit 2).</summary>
    public static void CheckParameter(string name, bool writing)
    {
        if (ParameterProblem(name, writing) is { } problem)
        {
            var shown = name.Length > 60 ? name[..40] + "…" : name;
            throw new InvalidInputException($"invalid parameter name '{shown}': {problem}", $"parameter names are {ParameterRule}, e.g. /myproject/dev/common/db_host");
        }
    }

    /// <summary>Refuses a secret name ${secret:NAME} could not read (exit 2).</summary>
    public static void CheckSecret(string name)
    {
        if (!IsSecret(name))
        {
            throw new InvalidInputException($"invalid secret name '{name}'", $"secret names use {SecretRule}, e.g. db_password");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex Project();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex Stage();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex Variable();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariable();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex Secret();

    [GeneratedRegex("^(/[A-Za-z0-9_.\\-]+)+$")]
    private static partial Regex ParameterPath();
}
