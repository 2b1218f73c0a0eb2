using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Data;

namespace Portal.Features.Clubs;

/// <summary>What makes a club's slug, language and time zone valid; shared by the CLI and pages.</summary>
public static partial class ClubRules
{
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguagePattern();

    public static string? SlugError(string? slug) => slug switch
    {
        null or "" => "A slug is required.",
        { Length: < 2 or > ColumnLengths.ClubSlug } => $"A slug has 2 to {ColumnLengths.ClubSlug} characters.",
        _ when !SlugPattern().IsMatch(slug) => "A slug has lower-case letters, digits and inner hyphens only (e.g. infinity-mall).",
        _ => null,
    };

    public static string? NameError(string? name) => string.IsNullOrWhiteSpace(name)
        ? "A name is required."
        : name.Length > ColumnLengths.ClubName ? $"A name has at most {ColumnLengths.ClubName} characters." : null;

    /// <summary>An ISO 639-1 code that .NET knows, e.g. <c>no</c> or <c>en</c>.</summary>
    public static string? LanguageError(string? language)
    {
        if (language is null || !LanguagePattern().IsMatch(language))
        {
            return "A language is a two-letter ISO 639-1 code in lower case, e.g. no or en.";
        }
        try
        {
            var culture = CultureInfo.GetCultureInfo(language, predefinedOnly: true);
            return culture.TwoLetterISOLanguageName == language ? null : $"'{language}' is not a known language code.";
        }
        catch (CultureNotFoundException)
        {
            return $"'{language}' is not a known language code.";
        }
    }

    public static string? TimeZoneError(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)
            ? null
            : $"'{timeZone}' is not a known IANA time zone (e.g. Europe/Oslo or UTC).";
}
