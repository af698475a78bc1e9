using Stagecraft.Local.Secrets;

namespace Stagecraft.Local.Agent.State;

/// <summary>
/// Keeps the secret environment values of persisted releases (those named in
/// <see cref="ServiceSpec.SensitiveEnv"/>) encrypted in the desired-state file, under a key of the
/// agent's own (agent.key beside it, owner-only). The agent must be able to start a service again
/// after its own restart, so it needs the values back; it must not keep them in the clear.
/// </summary>
internal sealed class SpecSealer
{
    private const string Prefix = "sealed:v1:";
    private readonly SecretBox _box;

    private SpecSealer(byte[] key)
    {
        _box = new SecretBox(key);
    }

    /// <summary>The sealer of the state file at <paramref name="statePath"/>; its key is made on first use.</summary>
    public static SpecSealer For(string statePath)
    {
        var keyPath = Path.Combine(Path.GetDirectoryName(statePath)!, "agent.key");
        if (!File.Exists(keyPath))
        {
            // One agent per home (it holds the agent lock), so nothing races this creation.
            using var stream = OwnerOnly.Create(keyPath);
            stream.Write(RandomNumberGenerator.GetBytes(32));
            stream.Flush(flushToDisk: true);
        }

        return new SpecSealer(File.ReadAllBytes(keyPath));
    }

    public ServiceSpec Seal(ServiceSpec spec) => Transform(spec, (name, value) =>
    {
        var opened = Encoding.UTF8.GetBytes(value);
        var box = _box.Seal(opened, Binding(spec, name));
        return Prefix + Convert.ToBase64String([.. box.Nonce, .. box.CiphertextAndTag]);
    });

    public ServiceSpec Open(ServiceSpec spec) => Transform(spec, (name, value) =>
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return value; // written by an agent from before sealing
        }

        var bytes = Convert.FromBase64String(value[Prefix.Length..]);
        var sealedValue = new SealedValue(bytes[..SecretBox.NonceSize], bytes[SecretBox.NonceSize..]);
        return Encoding.UTF8.GetString(_box.Open(sealedValue, Binding(spec, name)));
    });

    private static ServiceSpec Transform(ServiceSpec spec, Func<string, string, string> change)
    {
        if (spec.SensitiveEnv.Count == 0)
        {
            return spec;
        }

        var env = new Dictionary<string, string>(spec.Env, StringComparer.Ordinal);
        foreach (var name in spec.SensitiveEnv.Where(env.ContainsKey))
        {
            env[name] = change(name, env[name]);
        }

        return spec with { Env = env };
    }

    // A sealed value opens only for the service and variable it was sealed for.
    private static byte[] Binding(ServiceSpec spec, string name) => Encoding.UTF8.GetBytes(spec.Id + "\n" + name);
}
