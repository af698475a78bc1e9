using System.Text.RegularExpressions;

namespace Stagecraft.Core.Parameters;

/// <summary>
/// What a parameter name may look like. The rules are SSM's, so a project that works against the
/// local store also works against AWS: an absolute path of segments made of letters, digits,
/// '_', '.' and '-'; at most 15 levels and 1011 characters; not under /aws or /ssm.
/// </summary>
public static partial class ParameterNames
{
    public const string Rule = "an absolute path of letters, digits, '_', '.' and '-' segments, e.g. /myproject/dev/common/db_host";
    private const int MaxLength = 1011;
    private const int MaxLevels = 15;

    /// <summary>Null when <paramref name="name"/> is valid, otherwise what is wrong with it.</summary>
    public static string? Problem(string name)
    {
        if (!name.StartsWith('/'))
        {
            return $"parameter name '{name}' must start with '/'";
        }

        if (name.Length > MaxLength)
        {
            return $"parameter name '{name[..40]}…' is longer than {MaxLength} characters";
        }

        if (!Path().IsMatch(name))
        {
            return $"invalid parameter name '{name}'";
        }

        if (name.Count(c => c == '/') > MaxLevels)
        {
            return $"parameter name '{name}' has more than {MaxLevels} levels";
        }

        var first = name.Split('/')[1];
        if (first.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || first.StartsWith("ssm", StringComparison.OrdinalIgnoreCase))
        {
            return $"parameter name '{name}' uses a prefix reserved by AWS (aws, ssm)";
        }

        return null;
    }

    public static bool IsValid(string name) => Problem(name) is null;

    /// <summary>A listing path as a prefix that ends with '/': "/a/b" and "/a/b/" both list what is under /a/b/.</summary>
    public static string AsPrefix(string path) => path.EndsWith('/') ? path : path + "/";

    [GeneratedRegex("^(/[A-Za-z0-9_.\\-]+)+$")]
    private static partial Regex Path();
}
