using System.Collections.Concurrent;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.State;

namespace Stagecraft.TestSupport;

/// <summary>A state backend keeping one in-memory store per environment, registered under a real backend's name.</summary>
public sealed class InMemoryBackend : StateBackend
{
    public InMemoryBackend(string name = "sqlite")
    {
        Name = name;
    }

    public override string Name { get; }

    public override KindSchema Schema { get; } = new(new FieldSpec("path", FieldType.Path, "state file"));

    public ConcurrentDictionary<string, InMemoryStateStore> Stores { get; } = new(StringComparer.Ordinal);

    public InMemoryStateStore For(string environment) => Stores.GetOrAdd(environment, _ => new InMemoryStateStore());

    public override IStateStore Open(StateOpenContext context) => For(context.Environment.Name);
}
