namespace Stagecraft.Integration.Tests.Support;

/// <summary>Hook scripts must be executable, as CodeDeploy's are.</summary>
public static class Executable
{
    public static string Write(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
