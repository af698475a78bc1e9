namespace Stagecraft.Local.Proxy;

/// <summary>Outcome of <see cref="ServiceProxy.DrainAsync"/>.</summary>
/// <param name="Completed">Requests and websockets on the pool that finished on their own during the drain (or since the switch, when the drain was told when that was).</param>
/// <param name="Cut">Requests and websockets still running at the timeout, which the drain aborted.</param>
/// <param name="Elapsed">Time the drain took, including the short grace for cut work to unwind.</param>
public sealed record DrainResult(int Completed, int Cut, TimeSpan Elapsed);
