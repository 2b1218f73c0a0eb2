using Portal.Data;
using Portal.Features.Schema;

namespace Portal.Features.Devices;

/// <summary>The checks on a device registration; error codes follow the Placewise 422 body.</summary>
public static class DeviceTokenRules
{
    public static readonly IReadOnlyList<string> Platforms = ["ios", "android", "web"];

    /// <summary>An active member keeps at most this many active tokens; registering one more retires the oldest.</summary>
    public const int MaxActiveTokensPerMember = 10;

    // platformRequired is false where the platform may be left out for a token Portal already holds (Masivo's
    // optional device_info); DeviceTokenService.RegisterAsync then refuses a new token without one.
    public static Dictionary<string, IReadOnlyList<string>> Check(DeviceRegistration registration, IReadOnlyList<string> allowedPlatforms, string platformField = "platform", string tokenField = "token",
        bool platformRequired = true)
    {
        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(registration.Token))
        {
            errors[tokenField] = [PropertyErrorCodes.Presence];
        }
        else if (registration.Token.Length > ColumnLengths.DeviceToken)
        {
            errors[tokenField] = [PropertyErrorCodes.TooLong];
        }
        else if (registration.Token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors[tokenField] = [PropertyErrorCodes.InvalidString];
        }
        if (string.IsNullOrWhiteSpace(registration.Platform))
        {
            // Left out entirely is allowed where the platform is optional; sent blank never is.
            if (platformRequired || registration.Platform is not null)
            {
                errors[platformField] = [PropertyErrorCodes.Presence];
            }
        }
        else if (!allowedPlatforms.Contains(registration.Platform))
        {
            errors[platformField] = [PropertyErrorCodes.Inclusion];
        }
        Length(errors, "app_installation_id", registration.AppInstallationId, ColumnLengths.AppInstallationId);
        Length(errors, "firebase_project_slug", registration.FirebaseProjectSlug, ColumnLengths.FirebaseProjectSlug);
        Length(errors, "model", registration.DeviceModel, ColumnLengths.DeviceModel);
        Length(errors, "osVersion", registration.OsVersion, ColumnLengths.VersionText);
        Length(errors, "app_version", registration.AppVersion, ColumnLengths.VersionText);
        return errors;
    }

    private static void Length(Dictionary<string, IReadOnlyList<string>> errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors[field] = [PropertyErrorCodes.TooLong];
        }
        else if (value is not null && value.Contains('\0'))
        {
            // As for member properties: PostgreSQL's text cannot hold NUL, so no engine is asked to store one.
            errors[field] = [PropertyErrorCodes.InvalidString];
        }
    }
}
