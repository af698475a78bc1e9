using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Examples;

/// <summary>
/// Users copy an example out of the repository: every example, copied under the system temp directory,
/// validates through the built CLI run from elsewhere (the quickstart's deploy from such a copy is in
/// <see cref="QuickstartExampleTests"/>).
/// </summary>
public sealed class ExamplesCopiedAnywhereTests
{
    public static TheoryData<string> Examples => new(Directory.GetDirectories(Path.Combine(Repository.Root, "examples")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task An_example_copied_outside_the_repository_validates(string example)
    {
        var copy = ExampleCopy.OutsideTheRepository(example);
        try
        {
            var project = Path.Combine(copy, "stagecraft.yml");

            var result = await CliProcess.RunAsync(Path.GetTempPath(), "validate", "-f", project);

            result.ExitCode.Should().Be(0, result.ToString());
            result.Output.Should().Contain($"{project} is valid");
        }
        finally
        {
            ExampleCopy.Delete(copy);
        }
    }
}
