using System.Text.Json;
using Stagecraft.Cli.Rendering.Plans;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Planning;
using Stagecraft.Core.Sessions;
using Stagecraft.Core.State;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>'plan --json' keeps the shape documented in docs/plan-json.md, with and without --remote.</summary>
public sealed class PlanJsonTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "Operators", "plan-json-v1.golden.json");

    [Fact]
    public void The_json_plan_matches_the_pinned_schema_version_1()
    {
        var plan = new Plan("shop", "staging",
        [
            PlanSamples.Stage("network", StageAction.NoChange, "", kind: "cloudformation", fingerprint: "aaa111", deployed: "aaa111"),
            PlanSamples.Stage("api", StageAction.Update, "setting image changed", kind: "cloudformation", upstream: ["network"], fingerprint: "bbb222", deployed: "bbb111"),
            PlanSamples.Stage("web", StageAction.Create, "new stage", kind: "service", upstream: ["api"], fingerprint: "ccc333"),
            PlanSamples.Stage("old-worker", StageAction.Destroy, "removed from the project file", kind: "command", deployed: "ddd111"),
        ], false);
        var remote = new[]
        {
            new StageRemoteChanges("api", new RemoteChanges("1 to modify, 1 to replace",
            [
                new RemoteChange("Modify", "Function", "AWS::Lambda::Function"),
                new RemoteChange("Modify", "Table", "AWS::DynamoDB::Table", "replacement"),
            ])),
        };

        var withRemote = PlanJson.Serialize(plan, remote);
        var without = PlanJson.Serialize(plan, null);

        Normalize(withRemote).Should().Be(Normalize(File.ReadAllText(GoldenPath)), "a change to the shape needs docs/plan-json.md and, if it breaks readers, a new schema_version");
        var plain = JsonDocument.Parse(without).RootElement;
        plain.GetProperty("schema_version").GetInt32().Should().Be(1);
        plain.GetProperty("remote_requested").GetBoolean().Should().BeFalse();
        plain.GetProperty("stages").EnumerateArray().Should().OnlyContain(s => s.GetProperty("remote").ValueKind == JsonValueKind.Null,
            "without --remote the shape is the same, with remote null");
        Keys(plain).Should().Equal(Keys(JsonDocument.Parse(withRemote).RootElement), "--remote must not change the shape");
    }

    [Fact]
    public async Task The_cli_prints_the_versioned_json_and_markdown_comments_with_markers()
    {
        using var project = new TestProject();
        project.WriteProject("project: prs\nstages:\n" + string.Concat(Enumerable.Range(0, 40).Select(i => TestProject.Stage($"s{i:00}", 0))));

        var json = await project.RunAsync("plan", "--format", "json");
        json.ExitCode.Should().Be(0, json.ToString());
        JsonDocument.Parse(json.Output).RootElement.GetProperty("schema_version").GetInt32().Should().Be(1);

        var directory = Path.Combine(project.Path, "comments");
        var markdown = await project.RunAsync("plan", "--format", "markdown", "--max-comment-size", "1000", "--output-dir", directory);
        markdown.ExitCode.Should().Be(0, markdown.ToString());
        var files = Directory.GetFiles(directory, "plan-*.md").Order(StringComparer.Ordinal).ToList();
        files.Count.Should().BeGreaterThan(1, markdown.ToString());
        files.Select(File.ReadAllText).Should().AllSatisfy(c => c.Length.Should().BeLessThanOrEqualTo(1000));
        File.ReadAllText(files[0]).Should().StartWith($"<!-- stagecraft-plan project=\"prs\" environment=\"local\" part=\"1/{files.Count}\" -->");

        var tooSmall = await project.RunAsync("plan", "--format", "markdown", "--max-comment-size", "10");
        tooSmall.ExitCode.Should().Be(2, tooSmall.ToString());
        tooSmall.Error.Should().Contain("--max-comment-size must be at least 1000");
    }

    private static string Normalize(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private static List<string> Keys(JsonElement element, string prefix = "")
    {
        var keys = new List<string>();
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                keys.Add(prefix + property.Name);
                keys.AddRange(Keys(property.Value, prefix + property.Name + "."));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > 0)
        {
            keys.AddRange(Keys(element[0], prefix + "[]."));
        }

        return keys.Distinct().ToList();
    }
}
