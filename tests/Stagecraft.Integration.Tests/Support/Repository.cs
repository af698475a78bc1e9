namespace Stagecraft.Integration.Tests.Support;

/// <summary>The checkout these tests were built from (the folder holding Stagecraft.slnx).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stagecraft.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Stagecraft.slnx) above " + AppContext.BaseDirectory);
    }
}
