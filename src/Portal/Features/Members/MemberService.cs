using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Schema;

namespace Portal.Features.Members;

/// <summary>
/// The member use cases. The Placewise API, the admin pages and imports all come through here, so a
/// member is checked, normalised and recorded the same way whoever creates or changes it.
/// </summary>
public class MemberService(
    IDbContextFactory<PortalDbContext> dbFactory,
    ClubSchemaService schemas,
    ConsentService consents,
    OutboxSender outbox,
    IPasswordHasher<Member> passwordHasher,
    TimeProvider clock)
{
    /// <summary>Creates a member; throws <see cref="MemberValidationException"/> with Placewise error codes.</summary>
    public async Task<Member> CreateAsync(int clubId, MemberDraft draft, ConsentActor actor, CancellationToken ct = default)
    {
        var schema = await schemas.GetAsync(clubId, ct) ?? throw new InvalidOperationException($"Club {clubId} does not exist.");
        var now = clock.GetUtcNow().UtcDateTime;

        var properties = draft.Properties.DeepClone().AsObject();
        if (!properties.ContainsKey(BuiltInProperties.Language) || properties[BuiltInProperties.Language] is null)
        {
            properties[BuiltInProperties.Language] = schema.DefaultLanguage;
        }
        var checkedProperties = MemberPropertiesValidator.Validate(schema, properties,
            draft.IgnoreRequiredProperties ? PresenceRule.None : PresenceRule.AllRequired, DateOnly.FromDateTime(now));
        var (answers, consentErrors) = ConsentInput.Parse(draft.Consents, schema);
        var errors = checkedProperties.Errors.ToDictionary(e => e.Key, e => e.Value.ToList());
        foreach (var (key, codes) in consentErrors)
        {
            errors[$"consents.{key}"] = codes;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var email = checkedProperties.Properties[BuiltInProperties.Email]?.GetValue<string>();
        var msisdn = checkedProperties.Properties[BuiltInProperties.Msisdn]?.GetValue<string>();
        await AddDuplicateErrorsAsync(db, clubId, email, msisdn, exceptMemberId: null, errors, ct);
        if (errors.Count > 0)
        {
            throw new MemberValidationException(errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value));
        }

        var member = new Member
        {
            ClubId = clubId,
            CreatedAt = now,
            UpdatedAt = now,
            SmsStatus = draft.SmsEnabled ? ChannelStatus.Enabled : ChannelStatus.Disabled,
            EmailStatus = draft.EmailEnabled ? ChannelStatus.Enabled : ChannelStatus.Disabled,
            PushStatus = draft.PushEnabled ? ChannelStatus.Enabled : ChannelStatus.Disabled,
            OptinChannel = Truncate(draft.OptinChannel, ColumnLengths.OptinChannel),
            OptinSubchannel = Truncate(draft.OptinSubchannel, ColumnLengths.OptinChannel),
            FavoriteStoresJson = JsonSerializer.Serialize(draft.FavoriteStores.Distinct()),
        };
        SetProperties(member, checkedProperties.Properties);
        if (draft.Password is not null)
        {
            member.PasswordHash = passwordHasher.HashPassword(member, draft.Password);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Members.Add(member);
        await SaveOrReportDuplicateAsync(db, ct);
        consents.Apply(db, member, schema, answers, actor, now);
        var clubName = await db.Clubs.Where(c => c.Id == clubId).Select(c => c.Name).SingleAsync(ct);
        QueueWelcomeMessages(db, member, draft, clubName);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return member;
    }

    /// <summary>The member with its consents, or null when it is not a member of this club.</summary>
    public async Task<MemberView?> FindAsync(int clubId, long memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking()
            .Include(m => m.Consents).ThenInclude(c => c.Definition)
            .SingleOrDefaultAsync(m => m.Id == memberId && m.ClubId == clubId, ct);
        return member is null ? null : MemberView.From(member);
    }

    /// <summary>Copies the properties into the JSON column and the indexed identity and name columns.</summary>
    private static void SetProperties(Member member, JsonObject properties)
    {
        member.PropertiesJson = properties.ToJsonString();
        member.Email = properties[BuiltInProperties.Email]?.GetValue<string>();
        member.Msisdn = properties[BuiltInProperties.Msisdn]?.GetValue<string>();
        member.FirstName = Truncate(properties[BuiltInProperties.FirstName]?.GetValue<string>(), ColumnLengths.PersonName);
        member.LastName = Truncate(properties[BuiltInProperties.LastName]?.GetValue<string>(), ColumnLengths.PersonName);
    }

    private void QueueWelcomeMessages(PortalDbContext db, Member member, MemberDraft draft, string clubName)
    {
        if (draft.SendEmailWelcomeMessage && member.Email is not null && member.EmailStatus == ChannelStatus.Enabled)
        {
            outbox.Queue(db, member.ClubId, OutboxSender.Email, member.Email, $"Welcome to {clubName}",
                $"Hi {member.FirstName ?? "there"}, welcome to {clubName}! Your membership is ready.", "welcome");
        }
        if (draft.SendSmsWelcomeMessage && member.Msisdn is not null && member.SmsStatus == ChannelStatus.Enabled)
        {
            outbox.Queue(db, member.ClubId, OutboxSender.Sms, member.Msisdn, null, $"Welcome to {clubName}! Your membership is ready.", "welcome");
        }
    }

    private static async Task AddDuplicateErrorsAsync(PortalDbContext db, int clubId, string? email, string? msisdn, long? exceptMemberId,
        Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        if (email is not null && await db.Members.AnyAsync(m => m.ClubId == clubId && m.Email == email && m.Id != exceptMemberId, ct))
        {
            errors.TryAdd(BuiltInProperties.Email, []);
            errors[BuiltInProperties.Email].Add(PropertyErrorCodes.DuplicatedEmail);
        }
        if (msisdn is not null && await db.Members.AnyAsync(m => m.ClubId == clubId && m.Msisdn == msisdn && m.Id != exceptMemberId, ct))
        {
            errors.TryAdd(BuiltInProperties.Msisdn, []);
            errors[BuiltInProperties.Msisdn].Add(PropertyErrorCodes.DuplicatedMsisdn);
        }
    }

    /// <summary>Two requests racing with the same e-mail: the unique index decides, and the loser gets the 422.</summary>
    private static async Task SaveOrReportDuplicateAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true)
        {
            var message = e.InnerException.Message;
            throw message.Contains(nameof(Member.Msisdn), StringComparison.Ordinal)
                ? MemberValidationException.For(BuiltInProperties.Msisdn, PropertyErrorCodes.DuplicatedMsisdn)
                : MemberValidationException.For(BuiltInProperties.Email, PropertyErrorCodes.DuplicatedEmail);
        }
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > length ? t[..length] : value.Trim();
}
