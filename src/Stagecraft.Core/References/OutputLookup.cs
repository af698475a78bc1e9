namespace Stagecraft.Core.References;

/// <summary>What is known of an upstream output when a consumer is resolved.</summary>
public abstract record OutputLookup
{
    private OutputLookup()
    {
    }

    /// <summary>The upstream has deployed and has this output.</summary>
    public sealed record Known(OutputValue Value) : OutputLookup;

    /// <summary>The upstream has not deployed yet, or will deploy again in this run.</summary>
    public sealed record Pending : OutputLookup;

    /// <summary>A sensitive output state holds only as **** (its encryption key is not available here).</summary>
    public sealed record Unreadable : OutputLookup;

    /// <summary>The upstream has deployed but has no output by that name.</summary>
    public sealed record Missing(IReadOnlyCollection<string> Available) : OutputLookup;
}

/// <summary>Answers lookups of upstream outputs during resolution.</summary>
public interface IOutputSource
{
    OutputLookup Lookup(string stage, string key);
}

public static class OutputLookups
{
    /// <summary>Known, or Unreadable when a secret could only be read back masked: it must never be consumed as "****".</summary>
    public static OutputLookup Of(State.OutputValue value) =>
        value is { Sensitive: true, Value: Secrets.SecretMasker.Mask } ? new OutputLookup.Unreadable() : new OutputLookup.Known(value);
}
