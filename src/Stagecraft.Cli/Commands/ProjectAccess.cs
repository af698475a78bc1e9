using Stagecraft.Local.Secrets;

namespace Stagecraft.Cli.Commands;

/// <summary>Loads the project file and opens a session on one of its environments.</summary>
internal static class ProjectAccess
{
    public static ProjectDefinition Load(CliContext cli, CommonSettings settings) =>
        ProjectLoader.Load(settings.File, cli.CatalogFactory());

    public static async Task<EnvironmentSession> OpenAsync(CliContext cli, CommonSettings settings, CancellationToken cancellationToken)
    {
        var catalog = cli.CatalogFactory();
        var project = ProjectLoader.Load(settings.File, catalog);
        return await EnvironmentSession.OpenAsync(project, settings.Environment, new SessionOptions(catalog, cli.Host, cli.Time)
        {
            // Sensitive outputs in state are sealed with the environment's secret key (read only when one is met).
            Protector = (p, e) => LocalKeys.StateProtector(p, e, cli.Host),
        }, cancellationToken).ConfigureAwait(false);
    }
}
