namespace Portal.Features.Devices;

/// <summary>What an app sends when it registers the push token of one installation.</summary>
public record DeviceRegistration(
    string? Token,
    string? Platform,
    string? AppInstallationId = null,
    string? FirebaseProjectSlug = null,
    string? DeviceModel = null,
    string? OsVersion = null,
    string? AppVersion = null);

/// <summary>How a registration ended, for tests and logs.</summary>
public enum RegistrationOutcome
{
    /// <summary>The same token of the same installation: only last seen moved.</summary>
    Refreshed,
    /// <summary>A new token row.</summary>
    Added,
    /// <summary>The installation's previous token was replaced.</summary>
    Replaced,
    /// <summary>The token was another member's and now belongs to this one.</summary>
    Moved,
    /// <summary>A token Portal does not hold came without its platform: nothing was written.</summary>
    PlatformMissing,
}
