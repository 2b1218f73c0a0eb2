namespace Portal.Features.ApiKeys;

/// <summary>
/// Permit names an API key can carry. The Placewise ones use the vendor's own names (seed documents);
/// the others follow the same pattern for the Masivo and Centrapay endpoints.
/// </summary>
public static class ApiPermits
{
    public const string MembersCreate = "BL:Api:Members:Create";
    public const string MembersShow = "BL:Api:Members:Show";
    public const string MembersList = "BL:Api:Members:List";
    public const string MembersUpdate = "BL:Api:Members:Update";
    public const string MembersDestroy = "BL:Api:Members:Destroy";
    public const string MembersValidate = "BL:Api:Members:Validate";
    public const string MembersOAuth = "BL:Api:Members:OAuth";
    public const string MembersIgnoreRequiredProperties = "BL:Api:Members:IgnoreRequiredProperties";
    public const string MembersRegistrationPassword = "BL:Api:Members:RegistrationPassword";
    public const string MembersOtp = "BL:Api:Members:Otp";
    public const string MembersPasswordReset = "BL:Api:Members:Password:Reset";
    public const string MembersAppTokens = "BL:Api:Members:AppTokens:CreateOrUpdate";
    public const string MembersMessages = "BL:Api:Members:Messages";
    public const string SchemaShow = "BL:Api:Schema:Show";
    public const string MembersPublicInfo = "BL:Api:Members:PublicInfo:Show";
    public const string MembersPersonId = "BL:Api:Members:PersonId:Show";
    public const string LoyaltyClubsShow = "BL:Api:LoyaltyClubs:Show";
    public const string LoyaltyClubsList = "BL:Api:LoyaltyClubs:List";
    public const string LegalInformationShow = "BL:Api:LegalInformation:Show";
    public const string StorefrontDevices = "Portal:Storefront:Devices";
    public const string AppletMemberships = "Portal:Applets:Memberships";

    public static readonly IReadOnlyList<string> All =
    [
        MembersCreate, MembersShow, MembersList, MembersUpdate, MembersDestroy, MembersValidate, MembersOAuth,
        MembersIgnoreRequiredProperties, MembersRegistrationPassword, MembersOtp, MembersPasswordReset, MembersAppTokens, MembersMessages,
        SchemaShow, MembersPublicInfo, MembersPersonId, LoyaltyClubsShow, LoyaltyClubsList, LegalInformationShow,
        StorefrontDevices, AppletMemberships,
    ];

    /// <summary>
    /// Parses <c>P1,P2</c> or <c>all</c> into canonical permit names; throws on an unknown name.
    /// </summary>
    public static IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return All;
        }
        var parsed = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var known = All.FirstOrDefault(p => p.Equals(part, StringComparison.OrdinalIgnoreCase))
                ?? throw new PortalValidationException("permits", $"Unknown permit '{part}'. Known permits: {string.Join(", ", All)}, or all.");
            if (!parsed.Contains(known))
            {
                parsed.Add(known);
            }
        }
        return parsed;
    }
}
