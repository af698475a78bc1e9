namespace Stagecraft.Local.Agent.Acme;

/// <summary>Writes a key or certificate file (0600, in a 0700 folder), replacing the old one in one rename.</summary>
internal static class OwnerOnlyWrite
{
    public static void Replace(string path, string content)
    {
        OwnerOnly.SetDirectory(Path.GetDirectoryName(path)!);
        OwnerOnly.Replace(path, Encoding.UTF8.GetBytes(content));
    }
}
