using System.Text.RegularExpressions;
using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Local.Secrets;

/// <summary>Secret names are what ${secret:NAME} accepts: letters, digits, '_' and '-', not starting with a digit or '-'.</summary>
internal static partial class SecretNames
{
    public static void Check(string name)
    {
        if (!Name().IsMatch(name))
        {
            throw new InvalidInputException($"invalid secret name '{name}'", "secret names use letters, digits, '_' and '-', e.g. db_password");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex Name();
}
