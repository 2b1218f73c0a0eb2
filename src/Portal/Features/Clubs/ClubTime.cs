using System.Globalization;

namespace Portal.Features.Clubs;

/// <summary>Shows UTC timestamps in the club's own time zone, the way its admins read their day.</summary>
public static class ClubTime
{
    /// <summary>The club's zone; UTC when the id is unknown on this machine, rather than failing a page.</summary>
    public static TimeZoneInfo Zone(string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;

    public static string Format(DateTime utc, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(timeZone));
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
