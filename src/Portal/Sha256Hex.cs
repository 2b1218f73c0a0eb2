using System.Security.Cryptography;
using System.Text;

namespace Portal;

/// <summary>The lower-case hex SHA-256 of a text: how secrets with enough entropy (keys, tokens, codes with their salt) are stored and looked up.</summary>
public static class Sha256Hex
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
