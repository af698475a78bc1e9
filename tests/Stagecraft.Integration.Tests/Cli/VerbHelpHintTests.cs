using System.CommandLine;
using Stagecraft.Cli.Hosting;
using Stagecraft.Integration.Tests.Data;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Cli;

/// <summary>A command line the parser refuses points at the help of the verb as typed, nested verbs included.</summary>
public sealed class VerbHelpHintTests
{
    [Fact]
    public async Task Agent_stop_with_an_option_it_does_not_take_points_at_agent_stop_help()
    {
        using var keys = new TempDirectory();
        var result = await new CliHarness(keys.Path).RunAsync(null, "agent", "stop", "-f", "somewhere");

        result.Exit.Should().Be(2, result.ToString());
        result.Error.Should().Contain("hint: see 'stagecraft agent stop --help'");
    }

    [Fact]
    public async Task Every_verb_nested_or_not_names_its_whole_path_in_the_hint()
    {
        using var keys = new TempDirectory();
        var harness = new CliHarness(keys.Path);
        var tree = CommandTree.Build(TreeOnly());

        // A verb with positional arguments takes an unknown word as one of them, so only verbs without
        // arguments are run (parsing is checked first: nothing must execute).
        var refused = Paths(tree, []).Where(p => tree.Parse([.. p, "--no-such-option"]).Errors.Count > 0).ToList();
        refused.Should().Contain(p => p.SequenceEqual(new[] { "agent", "stop" }))
            .And.Contain(p => p.SequenceEqual(new[] { "secret", "list" }))
            .And.Contain(p => p.SequenceEqual(new[] { "state", "pull" }));

        foreach (var path in refused)
        {
            var result = await harness.RunAsync(null, [.. path, "--no-such-option"]);

            result.Exit.Should().Be(2, result.ToString());
            result.Error.Should().Contain($"hint: see 'stagecraft {string.Join(' ', path)} --help'", result.ToString());
        }
    }

    // Only to list the verbs: nothing runs with it.
    private static CliContext TreeOnly() => new()
    {
        Out = TextWriter.Null,
        Error = TextWriter.Null,
        In = TextReader.Null,
        Host = new FakeHostInfo(),
        Time = TimeProvider.System,
        CatalogFactory = StagecraftCatalog.Create,
        Environment = _ => null,
    };

    private static IEnumerable<List<string>> Paths(Command command, List<string> above)
    {
        foreach (var verb in command.Subcommands)
        {
            var path = new List<string>(above) { verb.Name };
            yield return path;
            foreach (var nested in Paths(verb, path))
            {
                yield return nested;
            }
        }
    }
}
