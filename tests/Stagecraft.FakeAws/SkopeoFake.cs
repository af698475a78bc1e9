using System.Security.Cryptography;
using System.Text;

namespace Stagecraft.FakeAws;

/// <summary>
/// 'skopeo inspect … docker://NAME:TAG': every published tag names a digest made from its name
/// (control "skopeo_missing": [NAME:TAG…] are not published). The real skopeo is tested against a real registry.
/// </summary>
internal static class SkopeoFake
{
    public static string Run(FakeState state, string[] argv)
    {
        if (argv.Length == 0 || argv[0] != "inspect" || argv[^1] is not { } reference || !reference.StartsWith("docker://", StringComparison.Ordinal))
        {
            throw new FakeError(125, "fake skopeo: only 'inspect … docker://NAME:TAG' is faked");
        }

        var name = reference["docker://".Length..];
        if (state.Control["skopeo_missing"] is System.Text.Json.Nodes.JsonArray missing && missing.Any(m => m?.GetValue<string>() == name))
        {
            throw new FakeError(1, $"time=\"2026-01-01T00:00:00Z\" level=fatal msg=\"Error parsing image name \\\"{reference}\\\": reading manifest: manifest unknown\"");
        }

        return "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant() + "\n";
    }
}
