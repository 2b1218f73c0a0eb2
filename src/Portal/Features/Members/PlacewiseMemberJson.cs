using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Features.Members;
using Portal.Features.Schema;

namespace Portal.Features.Members;

/// <summary>
/// The member JSON of Placewise's "Create Member" example, field for field, plus Portal's <c>account_id</c>, <c>email_verified</c> and <c>msisdn_verified</c>. Member timestamps carry the
/// club's UTC offset; consent timestamps are UTC, as in the example.
/// </summary>
public static class PlacewiseMemberJson
{
    public static JsonObject From(MemberView member, ClubSchema schema, string timeZone)
    {
        var zone = Clubs.ClubTime.Zone(timeZone);
        var properties = new JsonObject();
        // Only what the schema still defines is served; values of removed properties stay stored.
        foreach (var property in schema.Properties)
        {
            if (member.Properties[property.Key] is { } value)
            {
                properties[property.Key] = value.DeepClone();
            }
        }
        var consents = new JsonObject();
        foreach (var (key, consent) in member.Consents)
        {
            consents[key] = new JsonObject { ["status"] = consent.Status, ["updated_at"] = Utc(consent.UpdatedAt) };
        }

        return new JsonObject
        {
            ["id"] = member.Id,
            ["properties"] = properties,
            ["consents"] = consents,
            ["sms_status"] = member.SmsStatus,
            ["email_status"] = member.EmailStatus,
            ["push_status"] = member.PushStatus,
            ["optin_channel"] = member.OptinChannel,
            ["optin_subchannel"] = member.OptinSubchannel,
            ["created_at"] = Local(member.CreatedAt, zone),
            ["updated_at"] = Local(member.UpdatedAt, zone),
            ["banned_until"] = member.BannedUntil is { } banned ? Local(banned, zone) : null,
            // Portal keeps one person per member: the person id is the member id.
            ["person_id"] = member.Id,
            ["has_password"] = member.HasPassword,
            ["subunit_ids"] = new JsonArray(),
            ["has_push_token"] = member.HasPushToken,
            ["social_logins"] = new JsonArray(),
            ["favorite_stores"] = new JsonArray(member.FavoriteStores.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            // Portal's addition: the account id that applet memberships (Centrapay API) belong to.
            ["account_id"] = member.AccountId,
            // Portal's additions: whether the member proved the e-mail address and mobile number they have now
            // (Verification: Verify Email, Verify MSISDN); a changed address is unproven again.
            ["email_verified"] = member.EmailVerifiedAt is not null,
            ["msisdn_verified"] = member.MsisdnVerifiedAt is not null,
        };
    }

    public static string Utc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Local(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
    }
}
