using System.Runtime.InteropServices;

namespace Stagecraft.Local.Agent.Releases;

/// <summary>Who the agent runs as, and the users a hook may run as (from /etc/passwd).</summary>
internal static partial class UserAccounts
{
    public static bool IsRoot => !OperatingSystem.IsWindows() && GetEffectiveUserId() == 0;

    public static bool Exists(string user) => Find(user) is not null;

    /// <summary>(uid, primary gid) of a user name, or null.</summary>
    public static (int Uid, int Gid)? Find(string user)
    {
        const string passwd = "/etc/passwd";
        if (!File.Exists(passwd))
        {
            return null;
        }

        foreach (var line in File.ReadLines(passwd))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == user
                && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                return (uid, gid);
            }
        }

        return null;
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
