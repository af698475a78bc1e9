namespace Stagecraft.Local.Agent.Releases;

/// <summary>The CodeDeploy lifecycle events a service release runs hooks for, in the order they happen.</summary>
public static class LifecycleEvent
{
    public const string BeforeInstall = "BeforeInstall";
    public const string AfterInstall = "AfterInstall";
    public const string ApplicationStart = "ApplicationStart";
    public const string ValidateService = "ValidateService";

    public static IReadOnlyList<string> All { get; } = [BeforeInstall, AfterInstall, ApplicationStart, ValidateService];
}
