namespace Stagecraft.Cli.Ci;

/// <summary>
/// A CircleCI config (no orbs): validate, and plan the environments that need no approval, on every
/// branch; on the main branch deploy the environments in file order, an approval job before each one
/// marked approval: true, each job in its environment's context.
/// </summary>
internal static class CircleCiConfig
{
    private const string Image = "mcr.microsoft.com/dotnet/sdk:10.0";

    public static string Render(PipelineSettings s)
    {
        var y = new StringBuilder();
        y.Append("version: 2.1\n");
        y.Append("jobs:\n");
        Job(y, s, "validate", $"{s.Stagecraft} validate -f \"$STAGECRAFT_FILE\"", null);
        foreach (var environment in s.Project.Environments.Where(e => !e.Approval))
        {
            Job(y, s, "plan-" + environment.Name, $"{s.Stagecraft} plan -f \"$STAGECRAFT_FILE\" -e {environment.Name} --format markdown --output-dir plan", "plan");
        }

        foreach (var environment in s.Project.Environments)
        {
            Job(y, s, "deploy-" + environment.Name, $"{s.Stagecraft} deploy -f \"$STAGECRAFT_FILE\" -e {environment.Name} --yes --report report.html", "report.html");
        }

        y.Append("workflows:\n  stagecraft:\n    jobs:\n      - validate\n");
        foreach (var environment in s.Project.Environments.Where(e => !e.Approval))
        {
            y.Append("      - plan-").Append(environment.Name).Append(":\n")
             .Append("          requires: [validate]\n")
             .Append("          context: [").Append(YamlText.Quote(s.ContextOf(environment))).Append("]\n")
             .Append("          filters: { branches: { ignore: [").Append(YamlText.Quote(s.Branch)).Append("] } }\n");
        }

        var previous = "validate";
        foreach (var environment in s.Project.Environments)
        {
            var requires = previous;
            if (environment.Approval)
            {
                var hold = "approve-" + environment.Name;
                y.Append("      - ").Append(hold).Append(":\n          type: approval\n          requires: [").Append(requires).Append("]\n");
                OnBranch(y, s);
                requires = hold;
            }

            y.Append("      - deploy-").Append(environment.Name).Append(":\n")
             .Append("          requires: [").Append(requires).Append("]\n")
             .Append("          context: [").Append(YamlText.Quote(s.ContextOf(environment))).Append("]\n");
            OnBranch(y, s);
            previous = "deploy-" + environment.Name;
        }

        return y.ToString();
    }

    private static void OnBranch(StringBuilder y, PipelineSettings s) =>
        y.Append("          filters: { branches: { only: [").Append(YamlText.Quote(s.Branch)).Append("] } }\n");

    private static void Job(StringBuilder y, PipelineSettings s, string name, string command, string? artifact)
    {
        y.Append("  ").Append(name).Append(":\n")
         .Append("    docker:\n      - image: ").Append(Image).Append('\n')
         .Append("    environment:\n      DOTNET_NOLOGO: 'true'\n      STAGECRAFT_FILE: ").Append(YamlText.Quote(s.ProjectFile)).Append('\n')
         .Append("      ").Append(HostVariables.Commit).Append(": << pipeline.git.revision >>\n")
         .Append("    steps:\n      - checkout\n")
         .Append("      - run:\n          name: Install Stagecraft\n          command: ").Append(YamlText.Quote(s.InstallCommand)).Append('\n')
         .Append("      - run:\n          name: ").Append(YamlText.Quote(name)).Append("\n          command: ").Append(YamlText.Quote(command)).Append('\n');
        if (artifact is not null)
        {
            y.Append("      - store_artifacts:\n          path: ").Append(artifact).Append('\n');
        }
    }
}
