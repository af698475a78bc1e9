using System.Text.RegularExpressions;
using Stagecraft.Cli.Ci;
using Stagecraft.Cli.Reports;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft ci github|circleci: writes a CI pipeline that validates, plans and deploys the project.</summary>
internal sealed partial class CiCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var provider = new Argument<string>("provider") { Description = "github or circleci" };
        provider.AcceptOnlyFromAmong("github", "circleci");
        var output = new Option<string?>("--output", "-o") { Description = "Where to write it (default: .github/workflows/stagecraft.yml or .circleci/config.yml)" };
        var force = new Option<bool>("--force") { Description = "Overwrite a file that was edited by hand" };
        var version = new Option<string?>("--stagecraft-version") { Description = "The Stagecraft tool package version the pipeline installs (default: this one's)" };
        var feed = new Option<string?>("--feed") { Description = "A NuGet feed to install the tool package from (besides the default sources)" };
        var names = new Option<string>("--name-template")
        {
            Description = "The CircleCI context / GitHub environment of each environment; {environment} is its name (e.g. deployment-{environment}-ee)",
            DefaultValueFactory = _ => "{environment}",
        };
        var branch = new Option<string>("--branch") { Description = "The branch that deploys", DefaultValueFactory = _ => "main" };
        var command = new Command("ci", "Write a CI pipeline (GitHub Actions or CircleCI) that validates, plans and deploys this project.");
        common.AddTo(command, withEnvironment: false);
        command.Add(provider);
        command.Add(output);
        command.Add(force);
        command.Add(version);
        command.Add(feed);
        command.Add(names);
        command.Add(branch);
        command.SetAction((result, _) =>
        {
            var settings = common.Read(result);
            var project = ProjectAccess.Load(cli, settings);
            var which = result.GetValue(provider)!;
            var pipeline = new PipelineSettings(project, ProjectFileArgument(project),
                Checked(result.GetValue(version) ?? ReportLoader.Version, VersionText(), "--stagecraft-version", "a package version such as 1.2.0"),
                result.GetValue(feed) is { } f ? CheckedFeed(f) : null,
                Checked(result.GetValue(names) ?? "{environment}", NameText(), "--name-template", "letters, digits, '-', '_', '.' and {environment}"),
                Checked(result.GetValue(branch) ?? "main", BranchText(), "--branch", "a branch name"),
                HostVariables.ReadBy(File.ReadAllText(project.FilePath)));
            RefuseLocalState(project);
            var body = which == "github" ? GithubWorkflow.Render(pipeline) : CircleCiConfig.Render(pipeline);
            var text = GeneratedFile.WithHeader($"stagecraft ci {which}", body);
            var path = result.GetValue(output) ?? (which == "github" ? Path.Combine(".github", "workflows", "stagecraft.yml") : Path.Combine(".circleci", "config.yml"));
            cli.Out.WriteLine(Write(path, text, result.GetValue(force)));
            if (which == "github" && project.Environments.Any(e => e.Approval))
            {
                cli.Out.WriteLine($"note: a workflow cannot require an approval by itself: give the GitHub environment(s) {string.Join(", ", project.Environments.Where(e => e.Approval).Select(e => pipeline.ContextOf(e)))} a 'required reviewers' protection rule in the repository's settings");
            }

            if (pipeline.HostVariables.Count > 0)
            {
                var where = which == "github" ? "in each GitHub environment, as a variable (vars.NAME) or, if it is sensitive, a secret (secrets.NAME)" : "in each CircleCI context";
                cli.Out.WriteLine($"note: the project reads {string.Join(", ", pipeline.HostVariables.Select(v => "${os:" + v + "}"))} from the runner: define it {where}");
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static string Write(string path, string text, bool force)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path);
            if (existing == text)
            {
                return $"{path} is up to date";
            }

            if (!force && !GeneratedFile.IsUntouched(existing))
            {
                throw new InvalidInputException($"{path} was edited by hand or not written by stagecraft (its content does not match the hash in its header); nothing was written",
                    "move your changes into the project file and regenerate, or pass --force to overwrite it");
            }
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text);
        return $"wrote {path}";
    }

    // A CI job's disk is gone after the job: state kept there would be lost between pipelines.
    private static void RefuseLocalState(ProjectDefinition project)
    {
        var diagnostics = new DiagnosticBag();
        foreach (var environment in project.Environments.Where(e => e.State.Backend == StateSettings.DefaultBackend))
        {
            diagnostics.Add(environment.Location, $"environment '{environment.Name}' keeps its state in local SQLite, which a CI job loses when it ends: the next pipeline would see nothing deployed",
                "give it a shared state backend, e.g. state: { backend: s3, bucket: …, lock_table: … } (docs/state.md); its lock also keeps concurrent pipelines apart");
        }

        diagnostics.ThrowIfAny();
    }

    // The pipeline runs from the repository's root; the project file is named as it was given here.
    private static string ProjectFileArgument(ProjectDefinition project)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), project.FilePath).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? throw new InvalidInputException($"the project file {project.FilePath} is outside the current directory", "run 'stagecraft ci' from the repository's root")
            : relative;
    }

    private static string Checked(string value, Regex rule, string option, string what) =>
        rule.IsMatch(value) ? value : throw new InvalidInputException($"{option} '{value}' is not valid", $"use {what}");

    private static string CheckedFeed(string feed) =>
        Uri.TryCreate(feed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && FeedText().IsMatch(feed)
            ? feed
            : throw new InvalidInputException($"--feed '{feed}' is not an http(s) URL", "e.g. --feed https://nuget.example.com/v3/index.json");

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$")]
    private static partial Regex VersionText();

    [GeneratedRegex("^[A-Za-z0-9_.{}-]{1,100}$")]
    private static partial Regex NameText();

    [GeneratedRegex("^[A-Za-z0-9_./-]{1,100}$")]
    private static partial Regex BranchText();

    [GeneratedRegex("^[A-Za-z0-9:/._~%+-]+$")]
    private static partial Regex FeedText();
}
