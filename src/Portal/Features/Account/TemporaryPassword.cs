using System.Security.Cryptography;

namespace Portal.Features.Account;

/// <summary>Passwords Portal makes up: the first admin's, and those an admin hands to a new or reset user.</summary>
public static class TemporaryPassword
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>20 characters from an alphabet without look-alikes, plus one of each class the password policy asks for.</summary>
    public static string New()
    {
        var chars = Enumerable.Range(0, 17).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToList();
        chars.Add((char)('a' + RandomNumberGenerator.GetInt32(26)));
        chars.Add((char)('A' + RandomNumberGenerator.GetInt32(26)));
        chars.Add((char)('2' + RandomNumberGenerator.GetInt32(8)));
        return new string(chars.ToArray());
    }
}
