using System.Security.Cryptography;

namespace Portal.Data;

/// <summary>
/// Random, URL-safe ids for things apps see (accounts, applets, memberships), in the style of Centrapay's
/// <c>WRhAxxWpTKb5U7pXyxQjjY</c>: 22 base58 characters, about 128 bits, nothing guessable or sequential.
/// </summary>
public static class PublicIds
{
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Base58, 22));
}
