using Stagecraft.Aws.Cdk;

namespace Stagecraft.Aws.Bootstrap;

/// <summary>
/// What bootstrap needs from an environment's stages (those its 'only_in' keeps): the regions
/// stages with their own 'region' use, and where each cdk stage deploys from and to. Read as
/// written, before anything is resolved: a region or app_dir may use ${os:NAME} and nothing else.
/// </summary>
internal sealed record BootstrapStages(IReadOnlyList<string> OtherRegions, IReadOnlyList<CdkTarget> Cdk)
{
    public static BootstrapStages None { get; } = new([], []);

    /// <summary>The stages' regions, and with <paramref name="cdk"/> where the cdk stages deploy (their app_dir is read only then).</summary>
    public static BootstrapStages Read(ProjectDefinition project, EnvironmentDefinition environment, string environmentRegion, Func<string, string?> lookup, bool cdk)
    {
        var diagnostics = new DiagnosticBag();
        var regions = new List<string>();
        var targets = new List<CdkTarget>();
        foreach (var stage in project.ForEnvironment(environment.Name).Stages)
        {
            var region = environmentRegion;
            if (stage.Settings["region"] is ConfigScalar { IsNull: false } written)
            {
                region = Expand(stage, written, "region", lookup, diagnostics) ?? environmentRegion;
                if (region != environmentRegion && !regions.Contains(region))
                {
                    regions.Add(region);
                }
            }

            if (cdk && stage.Kind == CdkKind.KindName && stage.Settings["app_dir"] is ConfigScalar { IsNull: false } dir
                && Expand(stage, dir, "app_dir", lookup, diagnostics) is { } appDir)
            {
                var target = new CdkTarget(region, Path.GetFullPath(appDir, project.Directory), appDir);
                if (!targets.Any(c => c.Region == target.Region && c.AppDirectory == target.AppDirectory))
                {
                    targets.Add(target);
                }
            }
        }

        diagnostics.ThrowIfAny();
        return new BootstrapStages(regions, targets);
    }

    private static string? Expand(StageDefinition stage, ConfigScalar scalar, string key, Func<string, string?> lookup, DiagnosticBag diagnostics)
    {
        var probe = new DiagnosticBag();
        var other = TemplateParser.Parse(scalar, probe).Segments.OfType<ReferenceSegment>().FirstOrDefault(s => s.Reference.Kind != ReferenceKind.OsEnvironment);
        if (other is not null)
        {
            diagnostics.Add(scalar.TextLocation, $"bootstrap needs the '{key}' of stage '{stage.Name}' written out or from ${{os:NAME}}, not '{scalar.Text}'",
                "write the value itself (or ${os:NAME}), or prepare that region by hand");
            return null;
        }

        var value = OsOnlySetting.Expand(scalar, $"the '{key}' of stage '{stage.Name}'", lookup, diagnostics);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
