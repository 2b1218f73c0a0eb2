namespace Portal.Data.Entities;

/// <summary>
/// The push token of one app installation of one member. A token belongs to one member at a time; the same
/// installation of the same member replaces its token rather than adding one.
/// </summary>
public class DeviceToken
{
    public long Id { get; set; }

    public int ClubId { get; set; }

    public long MemberId { get; set; }

    public Member? Member { get; set; }

    public required string Token { get; set; }

    /// <summary>ios, android or web.</summary>
    public required string Platform { get; set; }

    /// <summary>The app's own id of its installation (Placewise); null for tokens registered without one.</summary>
    public string? AppInstallationId { get; set; }

    public string? FirebaseProjectSlug { get; set; }

    public string? DeviceModel { get; set; }

    public string? OsVersion { get; set; }

    public string? AppVersion { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>active or invalid (see <see cref="DeviceTokenStatus"/>).</summary>
    public string Status { get; set; } = DeviceTokenStatus.Active;

    public string? InvalidReason { get; set; }

    public DateTime? InvalidatedAt { get; set; }
}
