using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Stagecraft.Cli.Rendering.Plans;
using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>'plan --format markdown': comments under the limit, each one valid markdown on its own.</summary>
public sealed partial class MarkdownPlanTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    [Theory]
    [InlineData(65_000)]
    [InlineData(9_000)]
    public void A_2000_stage_plan_splits_into_comments_under_the_limit_that_each_parse_whole(int limit)
    {
        var (plan, remote) = PlanSamples.Large(2_000);

        var comments = MarkdownPlan.Render(plan, remote, limit);

        comments.Count.Should().BeGreaterThan(1, "a 2,000-stage plan does not fit one comment");
        var rows = new List<string>();
        var codeLines = new List<string>();
        for (var i = 0; i < comments.Count; i++)
        {
            var comment = comments[i];
            comment.Length.Should().BeLessThanOrEqualTo(limit);
            comment.Should().StartWith($"<!-- stagecraft-plan project=\"big-system\" environment=\"production\" part=\"{i + 1}/{comments.Count}\" -->\n");
            var document = Markdown.Parse(comment, Pipeline);
            foreach (var table in document.Descendants<Table>())
            {
                var tableRows = table.OfType<TableRow>().ToList();
                tableRows[0].IsHeader.Should().BeTrue("every part of a split table repeats its header");
                tableRows.Should().OnlyContain(r => r.Count == 4, "a row cut in half would lose cells");
                rows.AddRange(tableRows.Skip(1).Select(r => Text((TableCell)r[0])));
            }

            foreach (var code in document.Descendants<FencedCodeBlock>())
            {
                code.ClosingFencedCharCount.Should().Be(code.OpeningFencedCharCount, "a code block must close in the comment it opens in");
                codeLines.AddRange(code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString()));
            }

            var html = document.Descendants<HtmlBlock>().Select(h => h.Lines.ToString()).ToList();
            html.Count(h => h.Contains("<details>", StringComparison.Ordinal)).Should().Be(html.Count(h => h.Contains("</details>", StringComparison.Ordinal)),
                "every fold closes in its own comment");
        }

        rows.Should().Equal(plan.Stages.Select(s => s.Name), "every stage appears exactly once, in plan order");
        codeLines.Where(l => l.StartsWith("Modify", StringComparison.Ordinal) || l.StartsWith("Add", StringComparison.Ordinal))
            .Should().HaveCount(remote.Sum(r => r.Changes.Changes.Count), "every resource change appears exactly once");
    }

    [Fact]
    public void Reasons_render_as_written_whatever_characters_they_hold()
    {
        var (plan, remote) = PlanSamples.Large(3);

        var comment = MarkdownPlan.Render(plan, remote, 65_000).Single();

        var html = Markdown.ToHtml(comment, Pipeline);
        html.Should().Contain("<td>setting template changed | file lambda/handler_0.py changed; &lt;b&gt;not&lt;/b&gt; html, `code` and *stars*</td>");
        html.Should().Contain("<td><strong>update</strong></td>");
        html.Should().Contain("<details><summary>stage-0000: 1 change(s)</summary>");
        comment.Should().StartWith("<!-- stagecraft-plan project=\"big-system\" environment=\"production\" part=\"1/1\" -->");
        comment.Should().Contain("Plan: 1 to create, 1 to update, 1 unchanged.");
    }

    [Fact]
    public void A_fold_longer_than_a_comment_continues_in_the_next_one_fenced_again()
    {
        var changes = Enumerable.Range(0, 400).Select(i => new Stagecraft.Core.Kinds.RemoteChange("Add", $"Queue{i}", "AWS::SQS::Queue")).ToList();
        var plan = new Stagecraft.Core.Planning.Plan("p", "e", [PlanSamples.Stage("queues", StageAction.Update, "template changed")], false);
        var remote = new[] { new Stagecraft.Core.Sessions.StageRemoteChanges("queues", new Stagecraft.Core.Kinds.RemoteChanges("400 to add", changes)) };

        var comments = MarkdownPlan.Render(plan, remote, 4_000);

        comments.Count.Should().BeGreaterThan(2);
        comments.Skip(1).Should().AllSatisfy(c => c.Should().Contain("<details><summary>queues: 400 to add (continued)</summary>"));
        string.Concat(comments).Split('\n').Count(l => l.StartsWith("Add ", StringComparison.Ordinal)).Should().Be(400);
    }

    private static string Text(TableCell cell) => WhiteSpace().Replace(string.Concat(cell.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString())), " ").Trim();

    [GeneratedRegex("\\s+")]
    private static partial Regex WhiteSpace();
}
