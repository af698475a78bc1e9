using System.Diagnostics;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>Finds node and the s3rver/dynalite packages under .build/node, installing them with npm when missing.</summary>
internal static class NodeTools
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public static string RepositoryRoot => Repository.Root;

    public static string S3rverScript => Path.Combine(RepositoryRoot, ".build", "node", "node_modules", "s3rver", "bin", "s3rver.js");

    public static string DynaliteScript => Path.Combine(RepositoryRoot, ".build", "node", "node_modules", "dynalite", "cli.js");

    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(S3rverScript) && File.Exists(DynaliteScript))
            {
                return;
            }

            var npm = OnPath("npm") ?? throw new InvalidOperationException(
                "the s3 state tests need node and npm to run s3rver and dynalite; install them (apt-get install nodejs npm) or run scripts/test-deps.sh");
            var info = new ProcessStartInfo(npm) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "install", "--prefix", Path.Combine(RepositoryRoot, ".build", "node"), "--no-audit", "--no-fund", "s3rver@3", "dynalite@4" })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            if (process.ExitCode != 0 || !File.Exists(S3rverScript) || !File.Exists(DynaliteScript))
            {
                throw new InvalidOperationException($"npm install of s3rver and dynalite failed (exit {process.ExitCode}): {await errors}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    public static string Node => OnPath("node") ?? throw new InvalidOperationException("the s3 state tests need node (apt-get install nodejs)");

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
