namespace Stagecraft.Integration.Tests.Data;

/// <summary>Unix permission checks for the files Stagecraft must keep private.</summary>
internal static class FileModes
{
    public const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static UnixFileMode Of(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("Unix permissions") : File.GetUnixFileMode(path);

    public static void Set(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Unix permissions");
        }

        File.SetUnixFileMode(path, mode);
    }
}
