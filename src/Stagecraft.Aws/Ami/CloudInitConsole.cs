namespace Stagecraft.Aws.Ami;

/// <summary>Reads cloud-init's progress from an instance's console output.</summary>
internal static class CloudInitConsole
{
    /// <summary>cloud-init's last line of the final stage: "Cloud-init v. 19.3-46 finished at …".</summary>
    public static bool Finished(string console) =>
        console.Split('\n').Any(l => l.Contains("Cloud-init v.", StringComparison.Ordinal) && l.Contains(" finished at ", StringComparison.Ordinal));

    /// <summary>cloud-init's warning when the user data script exits non-zero.</summary>
    public static bool UserDataFailed(string console) =>
        console.Contains("Failed to run module scripts-user", StringComparison.Ordinal);

    public static IReadOnlyList<string> LastLines(string console, int count) =>
        console.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(count).ToList();
}
