using Stagecraft.Core.Kinds;
using Stagecraft.Core.Tests.Engine;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Kinds;

/// <summary>Verbs find kinds by what they can do, so they never name a kind.</summary>
public sealed class CatalogCapabilitiesTests
{
    private readonly Catalog _catalog = new TestCatalog().Catalog.Add(new ApprovalKind());

    [Fact]
    public void A_kind_has_the_capabilities_it_declares()
    {
        _catalog.Has("approval", KindCapabilities.ApprovalGate).Should().BeTrue();
        _catalog.Has("approval", KindCapabilities.HostedService).Should().BeFalse();
    }

    [Fact]
    public void A_kind_that_declares_nothing_has_no_capability()
    {
        _catalog.Has("fake", KindCapabilities.ApprovalGate).Should().BeFalse();
    }

    [Fact]
    public void An_unknown_kind_has_no_capability()
    {
        _catalog.Has("gone", KindCapabilities.ApprovalGate).Should().BeFalse();
    }
}
