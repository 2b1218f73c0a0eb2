using System.Text.RegularExpressions;

namespace Portal.Features.Schema;

/// <summary>The one way e-mail addresses and mobile numbers are written, so lookups and uniqueness agree.</summary>
public static partial class IdentityNormalizer
{
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    /// <summary>Lower-cased and trimmed, or null when it is not an e-mail address.</summary>
    public static string? Email(string? value)
    {
        var email = value?.Trim().ToLowerInvariant();
        return email is { Length: > 0 and <= Portal.Data.ColumnLengths.Email } && EmailShape().IsMatch(email) ? email : null;
    }

    /// <summary>
    /// E.164 digits without <c>+</c> or <c>00</c> (<c>+47 407-69 126</c> becomes <c>4740769126</c>), or null when
    /// it is not a number with a country code (8 to 15 digits).
    /// </summary>
    public static string? Msisdn(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Trim();
        if (text.StartsWith('+'))
        {
            text = text[1..];
        }
        else if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = text[2..];
        }
        var digits = new string(text.Where(c => c is not (' ' or '-' or '(' or ')' or '.')).ToArray());
        return digits.Length is >= 8 and <= Portal.Data.ColumnLengths.Msisdn && digits.All(char.IsAsciiDigit) && digits[0] != '0'
            ? digits
            : null;
    }
}
