using System.Diagnostics;

namespace Stagecraft.TestSupport.Moto;

/// <summary>
/// Finds the aws CLI v2 for the moto tests: STAGECRAFT_TEST_AWS_CLI when set, else the first
/// 'aws' on PATH that reports version 2 (machines often have pip's v1 first). The tests link it
/// as 'aws' into a directory of their own that comes first on the children's PATH, so the
/// product's own lookup (first 'aws' on PATH) finds it.
/// </summary>
public static class AwsCliV2
{
    public const string Setting = "STAGECRAFT_TEST_AWS_CLI";

    private static readonly Lazy<Task<string>> Found = new(FindAsync);

    /// <summary>Links the v2 CLI as 'aws' into <paramref name="directory"/>; returns the CLI it links to.</summary>
    public static async Task<string> LinkAsync(string directory)
    {
        var cli = await Found.Value;
        Directory.CreateDirectory(directory);
        File.CreateSymbolicLink(Path.Combine(directory, "aws"), cli);
        return cli;
    }

    private static async Task<string> FindAsync()
    {
        if (Environment.GetEnvironmentVariable(Setting) is { Length: > 0 } configured)
        {
            return await IsV2Async(configured) ? configured : throw new InvalidOperationException($"{Setting}={configured} is not the AWS CLI v2");
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "aws");
            if (Path.IsPathRooted(directory) && File.Exists(candidate) && await IsV2Async(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"no AWS CLI v2 ('aws') on PATH: the moto tests need it (Debian: apt-get install awscli; scripts/test-deps.sh does), or set {Setting} to its path");
    }

    private static async Task<bool> IsV2Async(string program)
    {
        var info = new ProcessStartInfo(program, "--version") { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 && output.Contains("aws-cli/2.", StringComparison.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
