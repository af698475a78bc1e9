namespace Stagecraft.Local.Agent;

/// <summary>Directories only their owner may list and change: 0700, or 0711 when others must pass through.</summary>
internal static class OwnerOnlyDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PassThrough = OwnerOnly | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static void Ensure(string path, bool traversable = false)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var mode = traversable ? PassThrough : OwnerOnly;
        Directory.CreateDirectory(path, mode);
        if (File.GetUnixFileMode(path) != mode)
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
