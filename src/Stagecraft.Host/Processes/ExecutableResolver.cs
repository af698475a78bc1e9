namespace Stagecraft.Host.Processes;

/// <summary>
/// Finds the file a program name means, the way execvp would, so a missing or non-executable
/// program is reported in words before anything starts (and not as a wrapper's exit code).
/// </summary>
internal static class ExecutableResolver
{
    private const string Hint = "install it, or give its full path in the stage's argv";

    public static string Resolve(string program, string? pathVariable, string workingDirectory)
    {
        if (program.Length == 0)
        {
            throw new StageFailedException("the program to run is empty");
        }

        // Windows resolves PATHEXT itself; the process-group machinery is POSIX-only anyway.
        if (OperatingSystem.IsWindows())
        {
            return program;
        }

        // A name with a slash is a path (relative ones to the working directory), as in a shell.
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(program, workingDirectory);
            if (!File.Exists(full))
            {
                throw new StageFailedException($"program '{program}' was not found ({full} does not exist)", hint: Hint);
            }

            return IsExecutable(full)
                ? full
                : throw new StageFailedException($"program '{program}' is not executable", hint: $"chmod +x {full}");
        }

        string? notExecutable = null;
        foreach (var directory in (pathVariable ?? "").Split(Path.PathSeparator))
        {
            // An empty PATH entry would mean "the current directory": never search it implicitly.
            if (directory.Length == 0 || !Path.IsPathRooted(directory))
            {
                continue;
            }

            var candidate = Path.Combine(directory, program);
            if (!File.Exists(candidate))
            {
                continue;
            }

            if (IsExecutable(candidate))
            {
                return candidate;
            }

            notExecutable ??= candidate;
        }

        if (notExecutable is not null)
        {
            throw new StageFailedException($"program '{program}' is not executable ({notExecutable} has no execute permission)", hint: $"chmod +x {notExecutable}");
        }

        throw new StageFailedException($"program '{program}' was not found on PATH", hint: Hint);
    }

    private static bool IsExecutable(string path) => PosixNative.CanExecute(path);
}
