namespace Stagecraft.Core.Kinds;

/// <summary>
/// A kind that can tell, cheaply and without changing anything, whether what it deployed still
/// matches what state recorded ('stagecraft drift', 'plan --refresh'). The context carries the
/// stage's settings as they resolve now against the outputs in state, and its record as Previous.
/// </summary>
public interface IDriftCheck
{
    Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken);
}
