using System.Diagnostics;
using Stagecraft.Aws.Tests.Support;

namespace Stagecraft.Aws.Tests.Examples;

/// <summary>Every CloudFormation template of examples/imaging-platform passes the real cfn-lint without errors.</summary>
public sealed class ImagingPlatformLintTests
{
    public static TheoryData<string> Templates() =>
        new(Directory.GetFiles(Path.Combine(ExampleProject.Folder("imaging-platform"), "templates"), "*.yml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task The_template_lints_without_errors(string template)
    {
        var linter = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "cfn-lint")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("cfn-lint is not on PATH: install it with 'pip install cfn-lint==1.51.*' (scripts/test-deps.sh does)");
        var info = new ProcessStartInfo(linter) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--format");
        info.ArgumentList.Add("parseable");
        info.ArgumentList.Add(Path.Combine(ExampleProject.Folder("imaging-platform"), "templates", template));
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        // cfn-lint's exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational.
        (process.ExitCode & 2).Should().Be(0, await output + await error);
        (process.ExitCode & 1).Should().Be(0, "cfn-lint itself failed: " + await error);
    }
}
