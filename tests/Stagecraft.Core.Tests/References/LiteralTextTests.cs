using Stagecraft.Core.References;

namespace Stagecraft.Core.Tests.References;

public sealed class LiteralTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("30", 30_000)]
    [InlineData(" 10s ", 10_000)]
    public void Durations_are_read_as_operators_write_them(string text, int milliseconds)
    {
        DurationText.TryParse(text).Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("5 minutes")]
    [InlineData("-1s")]
    [InlineData("10x")]
    [InlineData("1s garbage")]
    [InlineData("")]
    public void Anything_else_is_not_a_duration(string text)
    {
        DurationText.TryParse(text).Should().BeNull();
    }

    // Found by the project file fuzzer: these threw OverflowException out of validate.
    [Theory]
    [InlineData("44444444444444444444444")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("99999999999999h")]
    [InlineData("9601h")]
    [InlineData("9600h1s")]
    public void Durations_beyond_400_days_are_refused_instead_of_overflowing(string text)
    {
        DurationText.TryParse(text).Should().BeNull();
    }

    [Fact]
    public void Four_hundred_days_is_the_longest_duration() =>
        DurationText.TryParse("9600h").Should().Be(TimeSpan.FromDays(400));

    [Theory]
    [InlineData(450, "450ms")]
    [InlineData(2_500, "2.5s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_900_000, "1h05m")]
    public void Durations_are_shown_compactly(int milliseconds, string text)
    {
        DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(text);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("Yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("NO", false)]
    [InlineData("off", false)]
    public void Booleans_accept_the_yaml_spellings(string text, bool value)
    {
        BooleanText.TryParse(text).Should().Be(value);
    }

    [Fact]
    public void Other_words_are_not_booleans()
    {
        BooleanText.TryParse("maybe").Should().BeNull();
    }
}
