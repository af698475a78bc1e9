namespace Stagecraft.Integration.Tests.Proxy;

/// <summary>A deterministic byte stream (position mod 251) so large bodies can be checked without storing them.</summary>
internal static class Pattern
{
    public static void Fill(Span<byte> buffer, long position)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)((position + i) % 251);
        }
    }

    public static bool Matches(ReadOnlySpan<byte> buffer, long position)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            if (buffer[i] != (byte)((position + i) % 251))
            {
                return false;
            }
        }

        return true;
    }
}
