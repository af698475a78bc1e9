using System.Diagnostics;

namespace Stagecraft.Integration.Tests.Chaos;

/// <summary>
/// Read-only bind mounts and small tmpfs mounts, for state-file chaos. Root ignores file modes, so a
/// read-only mount is the only way to make a file unwritable for a test running as root (as CI does).
/// </summary>
internal sealed class Mounts : IDisposable
{
    private readonly Stack<string> _mounted = new();

    /// <summary>Why mounts cannot be made here, or null when they can (probed once by mounting a temporary directory onto itself).</summary>
    public static string? Unavailable { get; } = Probe();

    public void ReadOnly(string path)
    {
        Run("mount", "--bind", path, path);
        _mounted.Push(path);
        Run("mount", "-o", "remount,ro,bind", path);
    }

    public void Tmpfs(string path, string size)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        _mounted.Push(path);
    }

    public void Dispose()
    {
        while (_mounted.TryPop(out var path))
        {
            Run("umount", path);
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "bind mounts need Linux";
        }

        var directory = Directory.CreateTempSubdirectory("stagecraft-mount-probe").FullName;
        try
        {
            if (Try("mount", "--bind", directory, directory) is { } error)
            {
                return $"mount --bind is not permitted here (it needs root with CAP_SYS_ADMIN): {error}";
            }

            Try("umount", directory);
            return null;
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    private static void Run(params string[] argv)
    {
        if (Try(argv) is { } error)
        {
            throw new InvalidOperationException($"{string.Join(' ', argv)} failed: {error}");
        }
    }

    private static string? Try(params string[] argv)
    {
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : error.Trim();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return ex.Message;
        }
    }
}

/// <summary>A fact that needs mounts: reported as skipped, with the reason, where they are not permitted.</summary>
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (Mounts.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
