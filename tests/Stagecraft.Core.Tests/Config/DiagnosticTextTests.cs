using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Core.Tests.Config;

/// <summary>Found by the fuzzer: a quoted value with a line break split the error from its hint.</summary>
public sealed class DiagnosticTextTests
{
    [Fact]
    public void A_line_break_in_a_quoted_value_is_shown_escaped_so_the_hint_stays_on_the_next_line()
    {
        var diagnostic = new Diagnostic(new SourceLocation("stagecraft.yml", 1, 10), "invalid project name 'fuzz\nstages:\r\n'", "use lower-case letters");

        diagnostic.ToString().Split('\n').Should().Equal(
            "stagecraft.yml:1:10: error: invalid project name 'fuzz\\nstages:\\r\\n'",
            "  hint: use lower-case letters");
    }
}
