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

    public const int DeviceToken = 512;
    public const int Platform = 10;
    public const int AppInstallationId = 100;
    public const int FirebaseProjectSlug = 100;
    public const int DeviceModel = 100;
    public const int VersionText = 50;
    public const int TokenStatus = 10;
    public const int InvalidReason = 200;
    public const int ExternalCustomerId = 100;

    public const int PublicId = 32;
    public const int AppletName = 200;
    public const int Url = 2000;
    public const int MediaUploadId = 64;
    public const int Crn = 128;
    public const int ExtensionsJson = 20_000;

    public const int PropertyKey = 50;
    public const int PropertyStringValue = 500;
    public const int PropertyListItems = 100;
    public const int PropertyLabel = 100;
    public const int PropertyType = 20;
    public const int ConsentKey = 50;
    public const int ConsentTitle = 200;
    public const int ConsentDescription = 2000;
    public const int ConsentKind = 10;
    public const int ConsentChannel = 20;
    public const int ClientName = 100;
    public const int ActorType = 20;
    public const int ActorId = 64;
    public const int ActorName = 256;
    public const int TokenHash = 64;
    public const int OutboxRecipient = 254;
    public const int OutboxSubject = 200;
    public const int OutboxBody = 4000;
    public const int Purpose = 40;
    public const int AuditAction = 64;
    public const int AuditChannel = 16;
    public const int AuditTarget = 128;
    public const int AuditDetails = 2000;
}
