using System.Globalization;

namespace Portal.Features.Clubs;

/// <summary>Shows UTC timestamps in the club's own time zone, the way its admins read their day.</summary>
public static class ClubTime
{
    public static string Format(DateTime utc, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
