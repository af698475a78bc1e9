namespace Stagecraft.Cli.Rendering;

/// <summary>One place for the symbols and colours of actions and results.</summary>
internal static class Styles
{
    public static (string Symbol, string Color) Of(StageAction action) => action switch
    {
        StageAction.Create => ("+", "green"),
        StageAction.Update => ("~", "yellow"),
        StageAction.Pending => ("?", "cyan"),
        StageAction.Destroy => ("-", "red"),
        _ => (" ", "grey"),
    };

    public static string ColorOf(StageResult result) => result switch
    {
        StageResult.Succeeded or StageResult.Destroyed => "green",
        StageResult.Failed => "red",
        StageResult.Waiting => "yellow",
        StageResult.Interrupted => "red",
        StageResult.Skipped => "grey",
        _ => "grey",
    };

    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        <= 0 => "-",
        < 1 => $"{duration.TotalMilliseconds:0}ms",
        < 60 => $"{duration.TotalSeconds:0.0}s",
        _ => $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s",
    };
}
