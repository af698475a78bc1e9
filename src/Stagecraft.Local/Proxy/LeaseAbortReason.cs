namespace Stagecraft.Local.Proxy;

/// <summary>Why a request's forwarding was cancelled; the first reason wins.</summary>
internal enum LeaseAbortReason
{
    None = 0,
    ClientAborted = 1,
    HeaderTimeout = 2,
    DrainCut = 3,

    // Set when the request ends normally, so a late drain cut cannot count it.
    Finished = 4,
}
