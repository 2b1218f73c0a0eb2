namespace Portal.Data.Entities;

/// <summary>
/// A club member. Schema-defined properties live in <see cref="PropertiesJson"/> so a club can add
/// properties without a migration; the identity keys and names are also columns, for indexes and search.
/// </summary>
public class Member
{
    /// <summary>Integer id, as in the Placewise member JSON.</summary>
    public long Id { get; set; }

    public int ClubId { get; set; }

    public LoyaltyClub? Club { get; set; }

    /// <summary>Lower-cased; unique per club.</summary>
    public string? Email { get; set; }

    /// <summary>E.164 digits without <c>+</c> or <c>00</c>, e.g. <c>4740769126</c>; unique per club.</summary>
    public string? Msisdn { get; set; }

    // EF reads and writes the backing fields; code setting a name goes through the setters, which keep the search keys in step.
    private string? firstName;
    private string? lastName;

    public string? FirstName
    {
        get => firstName;
        set
        {
            firstName = value;
            FirstNameSearch = SearchKey(value);
        }
    }

    public string? LastName
    {
        get => lastName;
        set
        {
            lastName = value;
            LastNameSearch = SearchKey(value);
        }
    }

    /// <summary>
    /// <see cref="FirstName"/> lower-cased, indexed per club: a name search is a prefix range on it, which an index
    /// serves, where a case-insensitive LIKE on the name scans every member of the club.
    /// </summary>
    public string? FirstNameSearch { get; private set; }

    /// <summary><see cref="LastName"/> lower-cased, indexed per club (see <see cref="FirstNameSearch"/>).</summary>
    public string? LastNameSearch { get; private set; }

    /// <summary>How a name and a typed search text are compared: trimmed and lower-cased (invariant culture).</summary>
    public static string? SearchKey(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim().ToLowerInvariant();

    /// <summary>All profile properties as a JSON object, keyed by the club schema's property keys.</summary>
    public string PropertiesJson { get; set; } = "{}";

    public string SmsStatus { get; set; } = ChannelStatus.Enabled;

    public string EmailStatus { get; set; } = ChannelStatus.Enabled;

    public string PushStatus { get; set; } = ChannelStatus.Disabled;

    public string? OptinChannel { get; set; }

    public string? OptinSubchannel { get; set; }

    public string? PasswordHash { get; set; }

    /// <summary>When the member's password was last set (created, changed or reset); null when it never was or predates this column.</summary>
    public DateTime? PasswordChangedAt { get; set; }

    /// <summary>When the member proved <see cref="Email"/> with a code; cleared when the address changes.</summary>
    public DateTime? EmailVerifiedAt { get; set; }

    /// <summary>When the member proved <see cref="Msisdn"/> with a code; cleared when the number changes.</summary>
    public DateTime? MsisdnVerifiedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? BannedUntil { get; set; }

    /// <summary>The member's account id (Centrapay style), random and URL-safe; applet memberships belong to it.</summary>
    public string AccountId { get; set; } = PublicIds.New();

    /// <summary>A test account may join test applets; a live one may not.</summary>
    public bool TestAccount { get; set; }

    /// <summary>The customer's id in the club's own system (Masivo's <c>customers/{id}</c>); unique per club.</summary>
    public string? ExternalCustomerId { get; set; }

    /// <summary>IDs of the member's favourite stores, as a JSON array of integers.</summary>
    public string FavoriteStoresJson { get; set; } = "[]";

    /// <summary>Raised on every change; an update based on an older version is refused (409), not merged.</summary>
    public int Version { get; set; } = 1;

    public List<MemberConsent> Consents { get; set; } = [];

    /// <summary>Stamps a change made at <paramref name="now"/>: <see cref="UpdatedAt"/> and the next <see cref="Version"/>.</summary>
    public void MarkChanged(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
