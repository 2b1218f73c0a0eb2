using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Features.Schema;
using Portal.Features.Consents;
using Portal.Features.MemberPasswords;
using Portal.Features.Outbox;

namespace Portal.Features.Members;

/// <summary>
/// The member use cases. The Placewise API, the admin pages and imports all come through here, so a
/// member is checked, normalised and recorded the same way whoever creates or changes it: each change takes
/// the <see cref="Actor"/>, checks its permission and writes its audit record in the change's transaction.
/// </summary>
public class MemberService(
    IDbContextFactory<PortalDbContext> dbFactory,
    ClubSchemaService schemas,
    ConsentService consents,
    OutboxSender outbox,
    PasswordHashing passwords,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>Creates a member; throws <see cref="MemberValidationException"/> with Placewise error codes.</summary>
    public async Task<Outcome<Member>> CreateAsync(int clubId, MemberDraft draft, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.EditMembers, clubId))
        {
            return Outcome<Member>.RefusedFor(PortalPermission.EditMembers);
        }
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
        var externalId = await CheckExternalIdAsync(db, clubId, draft.ExternalCustomerId, null, errors, ct);
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
            ExternalCustomerId = externalId,
            TestAccount = draft.TestAccount,
        };
        SetProperties(member, checkedProperties.Properties);
        if (draft.Password is not null)
        {
            member.PasswordHash = await passwords.HashAsync(member, draft.Password, ct);
            member.PasswordChangedAt = now;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Members.Add(member);
        await SaveOrReportDuplicateAsync(db, ct);
        consents.Apply(db, member, schema, answers, actor, now);
        var clubName = await db.Clubs.Where(c => c.Id == clubId).Select(c => c.Name).SingleAsync(ct);
        QueueWelcomeMessages(db, member, draft, clubName);
        audit.Add(db, AuditActions.MemberCreated, actor, clubId, $"member:{member.Id}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return member;
    }

    /// <summary>
    /// Applies a partial update. Throws <see cref="MemberValidationException"/> for rule errors and
    /// <see cref="MemberConflictException"/> when the member changed since <see cref="MemberChanges.ExpectedVersion"/>
    /// (or while this update ran). Returns null when the member is not in the club.
    /// </summary>
    public async Task<Outcome<MemberView>> UpdateAsync(int clubId, long memberId, MemberChanges changes, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.EditMembers, clubId))
        {
            return Outcome<MemberView>.RefusedFor(PortalPermission.EditMembers);
        }
        var schema = await schemas.GetAsync(clubId, ct) ?? throw new InvalidOperationException($"Club {clubId} does not exist.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.Include(m => m.Consents).AsSplitQuery().SingleOrDefaultAsync(m => m.Id == memberId && m.ClubId == clubId, ct);
        if (member is null)
        {
            return Outcome<MemberView>.NotFound;
        }
        if (changes.ExpectedVersion is { } expected && expected != member.Version)
        {
            throw new MemberConflictException();
        }

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (changes.Properties is not null)
        {
            var merged = JsonNode.Parse(member.PropertiesJson)!.AsObject();
            foreach (var (key, value) in changes.Properties)
            {
                merged[key] = value?.DeepClone();
            }
            // Values of properties the schema no longer has are kept as they are, not re-validated.
            var known = new JsonObject();
            foreach (var (key, value) in merged)
            {
                if (schema.Property(key) is not null || changes.Properties.ContainsKey(key))
                {
                    known[key] = value?.DeepClone();
                }
            }
            var checkedProperties = MemberPropertiesValidator.Validate(schema, known,
                changes.IgnoreRequiredProperties ? PresenceRule.None : PresenceRule.AllRequired, DateOnly.FromDateTime(now));
            foreach (var (key, codes) in checkedProperties.Errors)
            {
                errors[key] = codes.ToList();
            }
            var email = checkedProperties.Properties[BuiltInProperties.Email]?.GetValue<string>();
            var msisdn = checkedProperties.Properties[BuiltInProperties.Msisdn]?.GetValue<string>();
            await AddDuplicateErrorsAsync(db, clubId, email == member.Email ? null : email, msisdn == member.Msisdn ? null : msisdn, member.Id, errors, ct);
            var kept = checkedProperties.Properties;
            foreach (var (key, value) in merged.Where(p => schema.Property(p.Key) is null && !changes.Properties.ContainsKey(p.Key)))
            {
                kept[key] = value?.DeepClone();
            }
            SetProperties(member, kept);
        }
        var (answers, consentErrors) = ConsentInput.Parse(changes.Consents, schema);
        foreach (var (key, codes) in consentErrors)
        {
            errors[$"consents.{key}"] = codes;
        }
        if (changes.ExternalCustomerId is not null)
        {
            member.ExternalCustomerId = await CheckExternalIdAsync(db, clubId, changes.ExternalCustomerId, member.Id, errors, ct);
        }
        if (errors.Count > 0)
        {
            throw new MemberValidationException(errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value));
        }

        member.TestAccount = changes.TestAccount ?? member.TestAccount;
        member.SmsStatus = Switch(member.SmsStatus, changes.SmsEnabled);
        member.EmailStatus = Switch(member.EmailStatus, changes.EmailEnabled);
        member.PushStatus = Switch(member.PushStatus, changes.PushEnabled);
        consents.Apply(db, member, schema, answers, actor, now);
        member.MarkChanged(now);
        audit.Add(db, AuditActions.MemberUpdated, actor, clubId, $"member:{memberId}", WhatChanged(changes, answers));
        try
        {
            await SaveOrReportDuplicateAsync(db, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new MemberConflictException();
        }
        return await FindAsync(clubId, memberId, ct);
    }

    /// <summary>
    /// Erases a member: the row, its consents, tokens and other dependants go; consent history stays as proof,
    /// unlinked; an audit record without personal data says who erased which id. Returns the member as it was.
    /// </summary>
    public async Task<Outcome<MemberView>> DeleteAsync(int clubId, long memberId, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.DeleteMembers, clubId))
        {
            return Outcome<MemberView>.RefusedFor(PortalPermission.DeleteMembers);
        }
        var before = await FindAsync(clubId, memberId, ct);
        if (before is null)
        {
            return Outcome<MemberView>.NotFound;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.Members.Where(m => m.Id == memberId && m.ClubId == clubId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            return Outcome<MemberView>.NotFound;
        }
        audit.Add(db, AuditActions.MemberDeleted, actor, clubId, $"member:{memberId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return before;
    }

    /// <summary>
    /// Sets (<paramref name="bannedUntil"/>) or lifts (null) a ban; a member banned until a future time cannot use
    /// member-token endpoints. The value is false when the member is not in the club.
    /// </summary>
    public async Task<Outcome<bool>> SetBanAsync(int clubId, long memberId, DateTime? bannedUntil, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.EditMembers, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.EditMembers);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Members.Where(m => m.Id == memberId && m.ClubId == clubId)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.BannedUntil, bannedUntil).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1), ct) == 1;
        if (!changed)
        {
            return false;
        }
        audit.Add(db, bannedUntil is null ? AuditActions.MemberUnbanned : AuditActions.MemberBanned, actor, clubId, $"member:{memberId}",
            bannedUntil is { } until ? $"until={until:O}" : null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    // The audit details of an update: which parts changed, never the values (they are personal data), except consent answers.
    private static string? WhatChanged(MemberChanges changes, IReadOnlyDictionary<string, bool> answers)
    {
        var parts = new List<string>();
        if (changes.Properties is not null)
        {
            parts.Add("profile");
        }
        if (changes.SmsEnabled is not null || changes.EmailEnabled is not null || changes.PushEnabled is not null)
        {
            parts.Add("channels");
        }
        parts.AddRange(answers.Select(a => $"consent {a.Key}={(a.Value ? "granted" : "withdrawn")}"));
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>Finds a member of the club by id, e-mail or msisdn (normalised first).</summary>
    public async Task<long?> FindIdAsync(int clubId, string identifierType, string identifier, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await IdOfAsync(db.Members.AsNoTracking().Where(m => m.ClubId == clubId), identifierType, identifier, ct);
    }

    // The id of the member whose identifier of this type matches, or null.
    private static Task<long?> IdOfAsync(IQueryable<Member> members, string identifierType, string identifier, CancellationToken ct) =>
        members.Matching(identifierType, identifier).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Finds the club's member that a person typed in a picker: the one lookup behind the push console's member
    /// picker and add-to-applet. The text is trimmed, then tried in this order:
    /// <list type="number">
    /// <item>an e-mail address (compared lower-cased, as stored);</item>
    /// <item>a mobile number, normalised to E.164 digits the way members are stored (<c>+47 912 34 567</c> and
    /// <c>004791234567</c> both find <c>4791234567</c>);</item>
    /// <item>a member id, only when the text is all ASCII digits and no member has it as mobile number, so a
    /// number that is someone's msisdn never picks a different member by id.</item>
    /// </list>
    /// Null when nothing matches, including members of other clubs.
    /// </summary>
    public async Task<long?> FindByEmailMobileOrIdAsync(int clubId, string? text, CancellationToken ct = default)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = db.Members.AsNoTracking().Where(m => m.ClubId == clubId);
        if (IdentityNormalizer.Email(value) is not null)
        {
            return await IdOfAsync(members, "email", value, ct);
        }
        if (await IdOfAsync(members, "msisdn", value, ct) is { } byMsisdn)
        {
            return byMsisdn;
        }
        return value.All(char.IsAsciiDigit) ? await IdOfAsync(members, "id", value, ct) : null;
    }

    /// <summary>Whether <paramref name="password"/> is the member's own password.</summary>
    public async Task<bool> CheckPasswordAsync(int clubId, long memberId, string password, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId && m.ClubId == clubId, ct);
        return member?.PasswordHash is not null
            && await passwords.VerifyAsync(member, member.PasswordHash, password, ct) != PasswordVerificationResult.Failed;
    }

    /// <summary>Members in creation order, a page at a time, with the total.</summary>
    public async Task<(IReadOnlyList<MemberView> Page, int Total)> ListAsync(int clubId, int page, int perPage, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = db.Members.AsNoTracking().Where(m => m.ClubId == clubId);
        var total = await members.CountAsync(ct);
        var rows = await members.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Skip((page - 1) * perPage).Take(perPage)
            .Include(m => m.Consents).ThenInclude(c => c.Definition)
            // One query per table: joined in one, SQLite materialises every member's consents before filtering.
            .AsSplitQuery()
            .ToListAsync(ct);
        var ids = rows.Select(m => m.Id).ToList();
        var withTokens = (await db.DeviceTokens.Where(t => ids.Contains(t.MemberId) && t.Status == DeviceTokenStatus.Active)
            .Select(t => t.MemberId).Distinct().ToListAsync(ct)).ToHashSet();
        return (rows.Select(m => MemberView.From(m, withTokens.Contains(m.Id))).ToList(), total);
    }

    /// <summary>
    /// Placewise "Validate Member": the errors creating this member would meet, checking presence only for
    /// keys in the payload. Writes nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ValidateAsync(int clubId, JsonObject properties, JsonObject? consentInput, CancellationToken ct = default)
    {
        var schema = await schemas.GetAsync(clubId, ct) ?? throw new InvalidOperationException($"Club {clubId} does not exist.");
        var checkedProperties = MemberPropertiesValidator.Validate(schema, properties, PresenceRule.OnlyGivenKeys, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var errors = checkedProperties.Errors.ToDictionary(e => e.Key, e => e.Value.ToList());
        foreach (var (key, codes) in ConsentInput.Parse(consentInput, schema).Errors)
        {
            errors[$"consents.{key}"] = codes;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await AddDuplicateErrorsAsync(db, clubId, checkedProperties.Properties[BuiltInProperties.Email]?.GetValue<string>(),
            checkedProperties.Properties[BuiltInProperties.Msisdn]?.GetValue<string>(), null, errors, ct);
        return errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value);
    }

    public const string ExternalCustomerIdKey = "external_customer_id";

    /// <summary>The trimmed external id (null when blank), with errors for an over-long or taken one.</summary>
    private static async Task<string?> CheckExternalIdAsync(PortalDbContext db, int clubId, string? value, long? exceptMemberId,
        Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        var id = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (id is null)
        {
            return null;
        }
        if (id.Length > ColumnLengths.ExternalCustomerId)
        {
            errors[ExternalCustomerIdKey] = [PropertyErrorCodes.TooLong];
        }
        else if (await db.Members.AnyAsync(m => m.ClubId == clubId && m.ExternalCustomerId == id && m.Id != exceptMemberId, ct))
        {
            errors[ExternalCustomerIdKey] = ["duplicated_external_customer_id"];
        }
        return id;
    }

    private static string Switch(string current, bool? enabled) => enabled switch
    {
        true when current != ChannelStatus.Enabled => ChannelStatus.Enabled,
        false => ChannelStatus.Disabled,
        _ => current,
    };

    /// <summary>A member's consent changes, newest first, for the proof shown on the member page.</summary>
    public async Task<IReadOnlyList<ConsentHistoryEntry>> ConsentHistoryAsync(int clubId, long memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ConsentChanges.AsNoTracking()
            .Where(c => c.ClubId == clubId && c.MemberId == memberId)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Select(c => new ConsentHistoryEntry(c.Definition!.Key, c.Definition.Title, c.DefinitionVersion, c.OldStatus, c.NewStatus, c.ChangedAt,
                c.Channel, c.ClientName, c.ActorType, c.ActorName))
            .ToListAsync(ct);
    }

    /// <summary>The member with its consents found by id, e-mail or msisdn (normalised first), or null.</summary>
    public async Task<MemberView?> FindByAsync(int clubId, string identifierType, string identifier, CancellationToken ct = default) =>
        await FindIdAsync(clubId, identifierType, identifier, ct) is { } id ? await FindAsync(clubId, id, ct) : null;

    /// <summary>
    /// One row of show member's read: the member and whether it has an active push token, with one of its consent
    /// answers (none when it has no answers: then the one row has a null answer).
    /// </summary>
    private sealed class MemberConsentRow
    {
        public required Member Member { get; init; }
        public required bool HasPushToken { get; init; }
        public int? ConsentDefinitionId { get; init; }
        public bool? Status { get; init; }
        public DateTime? UpdatedAt { get; init; }
    }

    // One statement for show member (the hot read of the app API), compiled once rather than translated per request: a
    // flat LEFT JOIN of the member's consent answers, in definition order (the order their key's index gives, and the
    // answer always had). A projected collection made EF nest the member in a subquery and sort the joined rows in a
    // temporary B-tree, which SQLite ran about a quarter slower (bench/RESULTS.md). The consents come without their
    // definitions, whose keys the club's schema already holds.
    private static readonly Func<PortalDbContext, long, int, IAsyncEnumerable<MemberConsentRow>> MemberWithConsents = EF.CompileAsyncQuery(
        (PortalDbContext db, long memberId, int clubId) =>
            from m in db.Members.AsNoTracking()
            where m.Id == memberId && m.ClubId == clubId
            from c in db.MemberConsents.Where(c => c.MemberId == m.Id).DefaultIfEmpty()
            orderby c.ConsentDefinitionId
            select new MemberConsentRow
            {
                Member = m,
                HasPushToken = db.DeviceTokens.Any(t => t.MemberId == m.Id && t.Status == DeviceTokenStatus.Active),
                ConsentDefinitionId = (int?)c.ConsentDefinitionId,
                Status = (bool?)c.Status,
                UpdatedAt = (DateTime?)c.UpdatedAt,
            });

    /// <summary>The member with its consents, or null when it is not a member of this club.</summary>
    public async Task<MemberView?> FindAsync(int clubId, long memberId, CancellationToken ct = default)
    {
        var schema = await schemas.GetAsync(clubId, ct);
        if (schema is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = new List<MemberConsentRow>(4);
        await foreach (var row in MemberWithConsents(db, memberId, clubId).WithCancellation(ct))
        {
            rows.Add(row);
        }
        if (rows.Count == 0)
        {
            return null;
        }
        if (rows.Any(r => r.ConsentDefinitionId is { } id && schema.ConsentById(id) is null))
        {
            // A consent defined since this instance read the schema (on another instance): read it now.
            schema = await schemas.ReloadAsync(clubId, ct) ?? schema;
        }
        var consents = new Dictionary<string, MemberConsentView>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.ConsentDefinitionId is { } id && schema.ConsentById(id) is { } definition)
            {
                consents[definition.Key] = new MemberConsentView(row.Status!.Value, row.UpdatedAt!.Value);
            }
        }
        return MemberView.From(rows[0].Member, consents, rows[0].HasPushToken);
    }

    /// <summary>
    /// Copies the properties into the JSON column and the indexed identity and name columns. A new e-mail address or
    /// mobile number is not proven by the code sent to the old one, so its verification goes (API and admin page alike).
    /// </summary>
    private static void SetProperties(Member member, JsonObject properties)
    {
        member.PropertiesJson = properties.ToJsonString();
        var email = properties[BuiltInProperties.Email]?.GetValue<string>();
        var msisdn = properties[BuiltInProperties.Msisdn]?.GetValue<string>();
        if (email != member.Email)
        {
            member.EmailVerifiedAt = null;
        }
        if (msisdn != member.Msisdn)
        {
            member.MsisdnVerifiedAt = null;
        }
        member.Email = email;
        member.Msisdn = msisdn;
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
