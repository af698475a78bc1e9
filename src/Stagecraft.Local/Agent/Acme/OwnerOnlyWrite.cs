using Stagecraft.Host.Files;
using Stagecraft.Local.Files;

namespace Stagecraft.Local.Agent.Acme;

/// <summary>Writes a key or certificate file as 0600, replacing the old one in one rename so a reader never sees half of it.</summary>
internal static class OwnerOnlyWrite
{
    public static void Replace(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        OwnerOnlyDirectory.Ensure(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = OwnerOnly.Create(temporary))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
