namespace Stagecraft.Local.Agent.Releases;

/// <summary>Keeps the live release and the <c>keep</c> newest others on disk; removes the rest with their logs.</summary>
internal static class ReleasePruner
{
    public static void Prune(AgentContext agent, string serviceId, int keep)
    {
        var (removed, kept) = agent.Store.Update(state =>
        {
            var service = ReleaseIds.Service(state, serviceId);
            var others = service.Releases.Where(r => r.Id != service.Live).ToList();
            var drop = others.Take(Math.Max(0, others.Count - Math.Max(0, keep))).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            service.Releases.RemoveAll(r => drop.Contains(r.Id));
            return (drop, service.Releases.Select(r => r.Id).ToHashSet(StringComparer.Ordinal));
        });

        foreach (var release in removed)
        {
            ReleaseStager.TryDelete(agent.ReleaseDirectory(serviceId, release));
        }

        ReleaseStager.CleanLeftovers(agent.ReleasesDirectory(serviceId));
        var logs = agent.LogsDirectory(serviceId);
        if (!Directory.Exists(logs))
        {
            return;
        }

        // Logs of releases no longer kept (pruned, or failed before going live) go too.
        foreach (var file in Directory.EnumerateFiles(logs, "r*.log*"))
        {
            var name = Path.GetFileName(file);
            var release = name[..Math.Max(0, name.IndexOf('-', StringComparison.Ordinal))];
            if (release.Length > 0 && !kept.Contains(release))
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Next time.
                }
            }
        }
    }
}
