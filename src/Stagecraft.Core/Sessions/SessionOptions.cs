using Stagecraft.Core.Engine;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Core.Sessions;

/// <summary>What a command brings to an environment session.</summary>
public sealed record SessionOptions(Catalog Catalog, IHostInfo Host, TimeProvider Time)
{
    public SecretMasker Masker { get; init; } = new();
}
