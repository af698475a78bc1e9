namespace Quickstart.App;

internal static class AppInfo
{
    // Edit this and deploy again: the new version is released blue/green.
    public const string Version = "1.0.0";
}
