namespace Stagecraft.Cli.Ci;

/// <summary>
/// A GitHub Actions workflow: on pull requests, validate and plan (as markdown in the job summary) each
/// environment that needs no approval; on the main branch, deploy the environments in file order, each
/// in its GitHub environment (where its credentials live and, with approval: true, its reviewers).
/// </summary>
internal static class GithubWorkflow
{
    public static string Render(PipelineSettings s)
    {
        var y = new StringBuilder();
        y.Append("name: stagecraft\n")
         .Append("on:\n  pull_request:\n  push:\n    branches: [").Append(YamlText.Quote(s.Branch)).Append("]\n")
         .Append("permissions:\n  contents: read\n")
         .Append("env:\n  DOTNET_NOLOGO: 'true'\n  STAGECRAFT_FILE: ").Append(YamlText.Quote(s.ProjectFile)).Append('\n')
         .Append("  ").Append(HostVariables.Commit).Append(": ${{ github.sha }}\n")
         .Append("jobs:\n");
        y.Append("  validate:\n    runs-on: ubuntu-latest\n    steps:\n");
        Setup(y, s);
        y.Append("      - run: ").Append(s.Stagecraft).Append(" validate -f \"$STAGECRAFT_FILE\"\n");

        foreach (var environment in s.Project.Environments.Where(e => !e.Approval))
        {
            y.Append("  plan-").Append(environment.Name).Append(":\n")
             .Append("    if: github.event_name == 'pull_request'\n")
             .Append("    needs: [validate]\n    runs-on: ubuntu-latest\n")
             .Append("    environment: ").Append(YamlText.Quote(s.ContextOf(environment))).Append('\n');
            Credentials(y, s);
            y.Append("    steps:\n");
            Setup(y, s);
            y.Append("      - run: ").Append(s.Stagecraft).Append(" plan -f \"$STAGECRAFT_FILE\" -e ").Append(environment.Name).Append(" --format markdown --output-dir plan\n")
             .Append("      - run: cat plan/plan-*.md >> \"$GITHUB_STEP_SUMMARY\"\n");
        }

        string? previous = null;
        foreach (var environment in s.Project.Environments)
        {
            var job = "deploy-" + environment.Name;
            y.Append("  ").Append(job).Append(":\n")
             .Append("    if: github.event_name == 'push' && github.ref == ").Append(YamlText.Quote("refs/heads/" + s.Branch)).Append('\n')
             .Append("    needs: [").Append(previous ?? "validate").Append("]\n    runs-on: ubuntu-latest\n")
             .Append("    environment: ").Append(YamlText.Quote(s.ContextOf(environment))).Append('\n')
             .Append("    concurrency: { group: ").Append(YamlText.Quote("stagecraft-" + environment.Name)).Append(", cancel-in-progress: false }\n");
            Credentials(y, s);
            y.Append("    steps:\n");
            Setup(y, s);
            y.Append("      - run: ").Append(s.Stagecraft).Append(" deploy -f \"$STAGECRAFT_FILE\" -e ").Append(environment.Name).Append(" --yes --report report.html\n")
             .Append("      - if: always()\n        uses: actions/upload-artifact@v4\n        with:\n          name: ").Append(YamlText.Quote("report-" + environment.Name))
             .Append("\n          path: report.html\n          if-no-files-found: ignore\n");
            previous = job;
        }

        return y.ToString();
    }

    private static void Setup(StringBuilder y, PipelineSettings s) =>
        y.Append("      - uses: actions/checkout@v4\n")
         .Append("      - uses: actions/setup-dotnet@v4\n        with:\n          dotnet-version: '10.0.x'\n")
         .Append("      - run: ").Append(s.InstallCommand).Append('\n');

    // The environment's secrets: AWS keys for the aws target (and any state backend in AWS); and
    // whatever else the project reads with ${os:NAME}, from the environment's variables or secrets.
    private static void Credentials(StringBuilder y, PipelineSettings s)
    {
        y.Append("    env:\n")
         .Append("      AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n")
         .Append("      AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n")
         .Append("      AWS_SESSION_TOKEN: ${{ secrets.AWS_SESSION_TOKEN }}\n");
        foreach (var name in s.HostVariables)
        {
            // A variable when the environment defines one, else a secret of that name: a value that must not
            // reach the logs (vars are printed as they are) can be a secret without changing the file.
            y.Append("      ").Append(name).Append(": ${{ vars.").Append(name).Append(" || secrets.").Append(name).Append(" }}\n");
        }
    }
}
