using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Features.Members;

/// <summary>
/// Everything Portal holds about one member, as one JSON document, for access and portability requests
/// (GDPR articles 15 and 20). Served to admins from the member page and to the member through the API.
/// Left out on purpose: the password hash and sign-in tokens (secrets, not personal data to hand over),
/// and the bodies of one-time codes.
/// </summary>
public class MemberDataExport(IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// The document for an admin (member page) or the member itself (API), recorded once as member.exported.
    /// The value is null when the member is not in the club.
    /// </summary>
    public async Task<Outcome<JsonObject>> ExportAsync(int clubId, long memberId, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ExportMemberData, clubId))
        {
            return Outcome<JsonObject>.RefusedFor(PortalPermission.ExportMemberData);
        }
        var document = await BuildAsync(clubId, memberId, ct);
        if (document is not null)
        {
            // A read changes nothing to commit with; the record is written once the document exists.
            await audit.RecordAsync(AuditActions.MemberExported, actor, clubId, $"member:{memberId}");
        }
        return document;
    }

    private async Task<JsonObject?> BuildAsync(int clubId, long memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Include(m => m.Club)
            .SingleOrDefaultAsync(m => m.Id == memberId && m.ClubId == clubId, ct);
        if (member is null)
        {
            return null;
        }

        var consents = await db.MemberConsents.AsNoTracking().Where(c => c.MemberId == memberId)
            .OrderBy(c => c.Definition!.Key)
            .Select(c => new { c.Definition!.Key, c.Definition.Title, c.Status, c.UpdatedAt })
            .ToListAsync(ct);
        var history = await db.ConsentChanges.AsNoTracking().Where(c => c.MemberId == memberId && c.ClubId == clubId)
            .OrderBy(c => c.ChangedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Definition!.Key, c.DefinitionVersion, c.OldStatus, c.NewStatus, c.ChangedAt, c.Channel, c.ClientName, c.ActorType })
            .ToListAsync(ct);
        var devices = await db.DeviceTokens.AsNoTracking().Where(d => d.MemberId == memberId && d.ClubId == clubId)
            .OrderBy(d => d.CreatedAt)
            .ToListAsync(ct);
        var memberships = await db.AppletMemberships.AsNoTracking().Where(m => m.MemberId == memberId && m.ClubId == clubId)
            .OrderBy(m => m.CreatedAt)
            .Select(m => new { m.Id, m.AppletId, AppletName = m.Applet!.Name, m.CreatedAt })
            .ToListAsync(ct);
        var pushes = await db.PushDeliveries.AsNoTracking().Where(d => d.MemberId == memberId && d.PushSend!.ClubId == clubId && !d.PushSend.ValidateOnly)
            .OrderBy(d => d.SentAt)
            .Select(d => new { d.SentAt, d.PushSend!.Title, d.Platform, d.Success, d.DeliveredAt, d.OpenedAt })
            .ToListAsync(ct);
        var recipients = new[] { member.Email, member.Msisdn }.OfType<string>().ToList();
        var messages = await db.OutboxMessages.AsNoTracking().Where(o => o.ClubId == clubId && recipients.Contains(o.Recipient))
            .OrderBy(o => o.CreatedAt)
            .Select(o => new { o.Channel, o.Recipient, o.Purpose, o.Subject, o.CreatedAt })
            .ToListAsync(ct);

        return new JsonObject
        {
            ["exported_at"] = clock.GetUtcNow().UtcDateTime,
            ["club"] = new JsonObject { ["slug"] = member.Club!.Slug, ["name"] = member.Club.Name },
            ["member"] = new JsonObject
            {
                ["id"] = member.Id,
                ["account_id"] = member.AccountId,
                ["email"] = member.Email,
                ["msisdn"] = member.Msisdn,
                ["first_name"] = member.FirstName,
                ["last_name"] = member.LastName,
                ["properties"] = JsonNode.Parse(member.PropertiesJson),
                ["favorite_stores"] = JsonNode.Parse(member.FavoriteStoresJson),
                ["sms_status"] = member.SmsStatus,
                ["email_status"] = member.EmailStatus,
                ["push_status"] = member.PushStatus,
                ["optin_channel"] = member.OptinChannel,
                ["optin_subchannel"] = member.OptinSubchannel,
                ["external_customer_id"] = member.ExternalCustomerId,
                ["test_account"] = member.TestAccount,
                ["has_password"] = member.PasswordHash is not null,
                ["password_changed_at"] = member.PasswordChangedAt,
                ["email_verified_at"] = member.EmailVerifiedAt,
                ["msisdn_verified_at"] = member.MsisdnVerifiedAt,
                ["banned_until"] = member.BannedUntil,
                ["created_at"] = member.CreatedAt,
                ["updated_at"] = member.UpdatedAt,
            },
            ["consents"] = Array(consents.Select(c => new JsonObject
            {
                ["key"] = c.Key, ["title"] = c.Title, ["status"] = c.Status, ["updated_at"] = c.UpdatedAt,
            })),
            ["consent_history"] = Array(history.Select(c => new JsonObject
            {
                ["key"] = c.Key, ["definition_version"] = c.DefinitionVersion, ["old_status"] = c.OldStatus, ["new_status"] = c.NewStatus,
                ["changed_at"] = c.ChangedAt, ["channel"] = c.Channel, ["client_name"] = c.ClientName, ["changed_by"] = c.ActorType,
            })),
            ["devices"] = Array(devices.Select(d => new JsonObject
            {
                ["platform"] = d.Platform, ["token"] = d.Token, ["status"] = d.Status, ["app_installation_id"] = d.AppInstallationId,
                ["firebase_project"] = d.FirebaseProjectSlug, ["device_model"] = d.DeviceModel, ["os_version"] = d.OsVersion,
                ["app_version"] = d.AppVersion, ["created_at"] = d.CreatedAt, ["last_seen_at"] = d.LastSeenAt, ["invalidated_at"] = d.InvalidatedAt,
            })),
            ["applet_memberships"] = Array(memberships.Select(m => new JsonObject
            {
                ["id"] = m.Id, ["applet_id"] = m.AppletId, ["applet_name"] = m.AppletName, ["created_at"] = m.CreatedAt,
            })),
            ["push_messages"] = Array(pushes.Select(p => new JsonObject
            {
                ["sent_at"] = p.SentAt, ["title"] = p.Title, ["platform"] = p.Platform, ["accepted"] = p.Success,
                ["delivered_at"] = p.DeliveredAt, ["opened_at"] = p.OpenedAt,
            })),
            ["messages"] = Array(messages.Select(m => new JsonObject
            {
                ["channel"] = m.Channel, ["recipient"] = m.Recipient, ["purpose"] = m.Purpose, ["subject"] = m.Subject, ["created_at"] = m.CreatedAt,
            })),
        };
    }

    private static JsonArray Array(IEnumerable<JsonObject> items) => new(items.ToArray<JsonNode?>());
}
