namespace Stagecraft.Local.Agent.Releases;

/// <summary>
/// The masker of one release: the agent has no secret store, so the sensitive values are the env
/// values the client marked sensitive, of the incoming spec and of every release the service keeps.
/// </summary>
internal static class ReleaseSecrets
{
    public static SecretMasker MaskerFor(IEnumerable<ServiceSpec> specs)
    {
        var masker = new SecretMasker();
        foreach (var spec in specs)
        {
            foreach (var name in spec.SensitiveEnv)
            {
                if (spec.Env.TryGetValue(name, out var value))
                {
                    masker.Add(value);
                }
            }
        }

        return masker;
    }
}
