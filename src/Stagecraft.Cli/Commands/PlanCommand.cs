using Stagecraft.Cli.Rendering.Plans;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft plan: each stage's action and why.</summary>
internal sealed class PlanCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var selection = new SelectionOptions();
        var refresh = new RefreshOption();
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (the same as --format json; schema in docs/plan-json.md)" };
        var format = new Option<string>("--format") { Description = "text, json or markdown (pull-request comments)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var maxCommentSize = new Option<int>("--max-comment-size")
        {
            Description = $"With --format markdown: the most characters one comment may hold; longer plans are split into several (default {MarkdownPlan.DefaultMaxCommentSize})",
            DefaultValueFactory = _ => MarkdownPlan.DefaultMaxCommentSize,
        };
        maxCommentSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < MarkdownPlan.MinimumCommentSize)
            {
                r.AddError($"--max-comment-size must be at least {MarkdownPlan.MinimumCommentSize}");
            }
        });
        var outputDirectory = new Option<string?>("--output-dir")
        {
            Description = "With --format markdown: write each comment to DIR/plan-N.md (and remove older plan-N.md there) instead of printing them",
        };
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when nothing would change, 10 when something would" };
        var remote = new Option<bool>("--remote") { Description = "Also ask the target what would change inside each stage (CloudFormation: a change set, deleted afterwards)" };
        var command = new Command("plan", "Show what deploy would do to each stage, and why.");
        common.AddTo(command);
        selection.AddTo(command);
        command.Add(json);
        command.Add(format);
        command.Add(maxCommentSize);
        command.Add(outputDirectory);
        command.Add(detailed);
        command.Add(remote);
        refresh.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            var chosen = result.GetValue(json) ? "json" : result.GetValue(format) ?? "text";
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var (plan, snapshot, drift) = await refresh.PlanAsync(result, session, selection.Read(result), ct).ConfigureAwait(false);
            var console = cli.Console(cli.Mode(settings.NoColor));
            var changes = result.GetValue(remote)
                ? await session.DescribeRemoteChangesAsync(plan, snapshot, new TerminalInteraction(console, false, null), ct).ConfigureAwait(false)
                : null;
            switch (chosen)
            {
                case "json":
                    cli.Out.WriteLine(PlanJson.Serialize(plan, changes, drift));
                    break;
                case "markdown":
                    var comments = MarkdownPlan.Render(plan, changes, result.GetValue(maxCommentSize));
                    WriteComments(cli, comments, result.GetValue(outputDirectory));
                    break;
                default:
                    PlanRenderer.Render(console, plan, session.State.Description);
                    if (drift is not null)
                    {
                        DriftRenderer.RenderRefresh(cli.Out, drift);
                    }

                    if (changes is not null)
                    {
                        RemoteChangesRenderer.Render(console, changes);
                    }

                    break;
            }

            return result.GetValue(detailed) && plan.HasChanges ? ExitCodes.ChangesPresent : ExitCodes.Success;
        });
        return command;
    }

    private static void WriteComments(CliContext cli, IReadOnlyList<string> comments, string? directory)
    {
        if (directory is null)
        {
            // On stdout the parts follow each other; each one's first line is its marker.
            foreach (var comment in comments)
            {
                cli.Out.Write(comment);
                cli.Out.WriteLine();
            }

            return;
        }

        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.EnumerateFiles(directory, "plan-*.md"))
        {
            File.Delete(stale);
        }

        for (var i = 0; i < comments.Count; i++)
        {
            File.WriteAllText(Path.Combine(directory, $"plan-{i + 1}.md"), comments[i]);
        }

        cli.Out.WriteLine($"wrote {comments.Count} comment{(comments.Count == 1 ? "" : "s")} to {directory}");
    }
}
