namespace Portal.Data;

/// <summary>
/// Column lengths shared by the EF configurations and by input validation, so a form and the
/// database never disagree about how long a value may be.
/// </summary>
public static class ColumnLengths
{
    public const int ClubSlug = 63;
    public const int ClubName = 200;
    public const int LanguageCode = 8;
    public const int TimeZoneId = 64;

    public const int Email = 254;
    public const int Msisdn = 15;
    public const int PersonName = 100;
    public const int ChannelStatus = 20;
    public const int OptinChannel = 100;

    public const int ApiKeyName = 100;
    public const int ApiKeyPrefix = 16;
    public const int ApiKeyHash = 64;
    public const int ApiKeyPermits = 2000;
    public const int AccountId = 64;

    public const int DisplayName = 100;
}
