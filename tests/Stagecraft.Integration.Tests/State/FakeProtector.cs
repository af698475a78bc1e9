using System.Security.Cryptography;
using System.Text;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Integration.Tests.State;

/// <summary>XORs with a key and base64-encodes: nothing of the plaintext survives in the stored text.</summary>
internal sealed class FakeProtector : IValueProtector
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(64);

    public int Calls { get; private set; }

    public string Protect(string plaintext)
    {
        Calls++;
        return "enc:" + Convert.ToBase64String(Xor(Encoding.UTF8.GetBytes(plaintext)));
    }

    public string Unprotect(string protectedValue)
    {
        if (!protectedValue.StartsWith("enc:", StringComparison.Ordinal))
        {
            throw new CryptographicException("not protected by this protector");
        }

        return Encoding.UTF8.GetString(Xor(Convert.FromBase64String(protectedValue[4..])));
    }

    private byte[] Xor(byte[] data)
    {
        var result = new byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            result[i] = (byte)(data[i] ^ _key[i % _key.Length]);
        }

        return result;
    }
}
