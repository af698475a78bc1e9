namespace Stagecraft.Integration.Tests.Support;

/// <summary>A fact that needs root (runas, setpriv): reported as skipped, not passed, when the tests run as another user.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Local.Agent.Releases.UserAccounts.IsRoot)
        {
            Skip = "needs root";
        }
    }
}
