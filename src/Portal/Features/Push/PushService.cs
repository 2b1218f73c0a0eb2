using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Features.Devices;

namespace Portal.Features.Push;

/// <summary>
/// The push console's use case: work out the tokens, send or dry-run through FCM per Firebase project, keep
/// every token's result (and the push.sent audit record with them), and mark the tokens FCM calls dead as invalid.
/// </summary>
public class PushService(
    IDbContextFactory<PortalDbContext> dbFactory,
    FirebaseProjectService projects,
    FcmClient fcm,
    DeviceTokenService devices,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PushService> logger)
{
    public const string NoCredentials = "NO_CREDENTIALS";

    public async Task<PushPlan> PlanAsync(int clubId, PushTarget target, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = target.MemberIds.Distinct().ToList();
        var recipients = await db.DeviceTokens.AsNoTracking()
            .Where(t => t.ClubId == clubId && ids.Contains(t.MemberId) && t.Status == DeviceTokenStatus.Active)
            .OrderBy(t => t.MemberId).ThenBy(t => t.Id)
            .Select(t => new PushRecipient(t.Token, t.Platform, t.FirebaseProjectSlug, t.MemberId, t.Id))
            .ToListAsync(ct);
        var testDeviceIds = target.TestDeviceIds.Distinct().ToList();
        var testDevices = await db.PushTestDevices.AsNoTracking().Where(d => d.ClubId == clubId && testDeviceIds.Contains(d.Id)).ToListAsync(ct);
        foreach (var device in testDevices.Where(d => recipients.All(r => r.Token != d.Token)))
        {
            var known = await db.DeviceTokens.AsNoTracking().Where(t => t.ClubId == clubId && t.Token == device.Token)
                .Select(t => new { t.Id, t.MemberId }).SingleOrDefaultAsync(ct);
            recipients.Add(new PushRecipient(device.Token, device.Platform, device.FirebaseProjectSlug, known?.MemberId, known?.Id));
        }
        if (!string.IsNullOrWhiteSpace(target.RawToken) && recipients.All(r => r.Token != target.RawToken.Trim()))
        {
            var token = target.RawToken.Trim();
            var known = await db.DeviceTokens.AsNoTracking().Where(t => t.ClubId == clubId && t.Token == token)
                .Select(t => new { t.Id, t.MemberId, t.Platform }).SingleOrDefaultAsync(ct);
            recipients.Add(new PushRecipient(token, target.RawTokenPlatform ?? known?.Platform, target.RawTokenProject, known?.MemberId, known?.Id));
        }
        var configured = (await projects.ListAsync(clubId, ct)).Select(p => p.Slug).ToHashSet();
        var perProject = recipients.GroupBy(r => r.ProjectSlug ?? PushPlan.NoProject).ToDictionary(g => g.Key, g => g.Count());
        var missing = perProject.Keys.Where(p => !configured.Contains(p)).Order().ToList();
        return new PushPlan(recipients, perProject, missing);
    }

    /// <summary>
    /// Sends (or dry-runs) a push (<see cref="PortalPermission.UsePushConsole"/>); throws <see cref="PortalValidationException"/>
    /// when it cannot go out as composed. Stopped through <paramref name="ct"/>, it still records what went out, then throws.
    /// </summary>
    public async Task<Outcome<PushSendOutcome>> SendAsync(int clubId, PushTarget target, PushContent content, bool validateOnly, Actor actor,
        IProgress<PushDeliveryResult>? progress, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.UsePushConsole, clubId))
        {
            return Outcome<PushSendOutcome>.RefusedFor(PortalPermission.UsePushConsole);
        }
        var actorName = actor.Name ?? actor.Type;
        if (string.IsNullOrWhiteSpace(content.Title) && string.IsNullOrWhiteSpace(content.Body) && content.Data.Count == 0)
        {
            throw new PortalValidationException("title", "Give the push a title, a body or some data.");
        }
        var messageId = PublicIds.New();
        if (FcmPayload.SizeError(content, messageId) is { } tooBig)
        {
            throw new PortalValidationException("content", tooBig);
        }
        var plan = await PlanAsync(clubId, target, ct);
        if (plan.Recipients.Count == 0)
        {
            throw new PortalValidationException("target", "These targets have no active device token.");
        }

        // The send is on record before anything goes out, so neither a crash nor a closed page loses it; CompletedAt
        // stays empty until the results are in.
        var now = clock.GetUtcNow().UtcDateTime;
        var send = new PushSend
        {
            ClubId = clubId,
            MessageId = messageId,
            ValidateOnly = validateOnly,
            ContentJson = JsonSerializer.Serialize(content),
            Title = content.Title is { Length: > 200 } t ? t[..200] : content.Title,
            TargetDescription = target.Describe(),
            CreatedBy = actorName,
            CreatedAt = now,
            Total = plan.Recipients.Count,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.PushSends.Add(send);
            await db.SaveChangesAsync(ct);
        }

        var answered = new ConcurrentDictionary<string, PushDeliveryResult>();
        var stopped = false;
        try
        {
            foreach (var group in plan.Recipients.GroupBy(r => r.ProjectSlug))
            {
                var credentials = group.Key is null ? null : await projects.CredentialsAsync(clubId, group.Key, ct);
                if (credentials is null)
                {
                    foreach (var recipient in group)
                    {
                        var failure = new PushDeliveryResult(recipient.Token, recipient.Platform, recipient.ProjectSlug, recipient.MemberId, false, null, NoCredentials,
                            $"Portal has no service-account key for Firebase project '{group.Key ?? PushPlan.NoProject}'. Add it in Settings.", 0);
                        answered[recipient.Token] = failure;
                        progress?.Report(failure);
                    }
                    continue;
                }
                var byToken = group.ToDictionary(r => r.Token);
                await fcm.SendManyAsync(credentials.Key, credentials.FcmProjectId, group.Select(r => r.Token).ToList(), content, messageId,
                    validateOnly, new Progress(byToken, answered, progress), ct, credentials.Endpoint);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stopped = true;
        }

        // In the plan's order; a token without an answer was not reached because the send was stopped.
        var results = plan.Recipients.Select(r => answered.TryGetValue(r.Token, out var result) ? result
            : new PushDeliveryResult(r.Token, r.Platform, r.ProjectSlug, r.MemberId, false, null, FcmErrorCodes.Cancelled,
                "The send was stopped before Firebase answered for this token.", 0)).ToList();
        var recipientsByToken = plan.Recipients.ToDictionary(r => r.Token);
        now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            db.PushSends.Attach(send);
            send.CompletedAt = now;
            send.Succeeded = results.Count(r => r.Success);
            send.Failed = results.Count(r => !r.Success);
            send.Deliveries.AddRange(results.Select(r => new PushDelivery
            {
                Token = r.Token,
                Platform = r.Platform,
                FirebaseProjectSlug = r.ProjectSlug,
                MemberId = r.MemberId,
                DeviceTokenId = recipientsByToken[r.Token].DeviceTokenId,
                Success = r.Success,
                FcmMessageName = r.FcmMessageName,
                ErrorCode = r.ErrorCode,
                ErrorMessage = r.ErrorMessage is { Length: > 2000 } m ? m[..2000] : r.ErrorMessage,
                Attempts = r.Attempts,
                SentAt = now,
            }));
            // The count and outcome only: the message itself stays in the send's own record.
            audit.Add(db, AuditActions.PushSent, actor, clubId, $"push_send:{send.Id}",
                $"{(validateOnly ? "dry run" : "sent")}; tokens={results.Count}; failed={send.Failed}{(stopped ? "; stopped when the page closed" : "")}");
            await db.SaveChangesAsync(CancellationToken.None);
        }

        // A dry run changes nothing: it only shows what a send would meet. A real send cleans up dead tokens.
        foreach (var dead in results.Where(r => r.ErrorCode == FcmErrorCodes.Unregistered && !validateOnly))
        {
            if (recipientsByToken[dead.Token].DeviceTokenId is { } tokenId)
            {
                await devices.InvalidateAsync(clubId, tokenId, "FCM: token no longer registered (UNREGISTERED)", CancellationToken.None);
            }
        }
        if (stopped)
        {
            logger.LogWarning("Push {MessageId} by {Actor} was stopped after {Answered} of {Total} tokens", messageId, actorName, answered.Count, send.Total);
            ct.ThrowIfCancellationRequested();
        }
        logger.LogInformation("Push {MessageId} ({Mode}) by {Actor}: {Succeeded} of {Total} accepted", messageId, validateOnly ? "dry run" : "send", actorName, send.Succeeded, send.Total);
        return new PushSendOutcome(send.Id, messageId, results);
    }

    /// <summary>
    /// Records that the app showed (<paramref name="opened"/> false) or the member opened a push. Idempotent: the
    /// first time counts. False when the message was not sent to this member.
    /// </summary>
    public async Task<bool> RecordEventAsync(int clubId, long memberId, string messageId, bool opened, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deliveries = db.PushDeliveries.Where(d => d.MemberId == memberId && d.Success && d.PushSend!.MessageId == messageId
            && d.PushSend.ClubId == clubId && !d.PushSend.ValidateOnly);
        if (!await deliveries.AnyAsync(ct))
        {
            return false;
        }
        await deliveries.Where(d => d.DeliveredAt == null).ExecuteUpdateAsync(d => d.SetProperty(x => x.DeliveredAt, now), ct);
        if (opened)
        {
            await deliveries.Where(d => d.OpenedAt == null).ExecuteUpdateAsync(d => d.SetProperty(x => x.OpenedAt, now), ct);
        }
        return true;
    }

    /// <summary>The pushes sent to a member (dry runs excluded), newest first, one row per message.</summary>
    public async Task<IReadOnlyList<MemberMessage>> HistoryAsync(int clubId, long memberId, int take = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.PushDeliveries.AsNoTracking()
            .Where(d => d.MemberId == memberId && d.PushSend!.ClubId == clubId && !d.PushSend.ValidateOnly)
            .GroupBy(d => new { d.PushSend!.MessageId, d.PushSend.ContentJson, d.PushSend.CreatedAt })
            .Select(g => new
            {
                g.Key.MessageId, g.Key.ContentJson, g.Key.CreatedAt,
                Accepted = g.Count(d => d.Success), Tokens = g.Count(),
                DeliveredAt = g.Min(d => d.DeliveredAt), OpenedAt = g.Min(d => d.OpenedAt),
            })
            .OrderByDescending(r => r.CreatedAt)
            .Take(take)
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var content = JsonSerializer.Deserialize<PushContent>(r.ContentJson) ?? new PushContent();
            return new MemberMessage(r.MessageId, content.Title, content.Body, r.CreatedAt, r.Tokens, r.Accepted, r.DeliveredAt, r.OpenedAt);
        }).ToList();
    }

    /// <summary>The club's console sends, newest first, optionally only those whose title contains <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<PushSendSummary>> HistoryForClubAsync(int clubId, string? search, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sends = db.PushSends.AsNoTracking().Where(s => s.ClubId == clubId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            // LIKE folds ASCII case on SQLite but on no engine beyond ASCII, and is case-sensitive on PostgreSQL: lower()
            // on the column (ASCII on both with byte-order text) and an ASCII-lowered pattern match the same on both.
            var pattern = "%" + AsciiLower(search.Trim()) + "%";
            sends = sends.Where(s => EF.Functions.Like(s.Title!.ToLower(), pattern) || s.MessageId == search.Trim());
        }
        return await sends.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(take)
            .Select(s => new PushSendSummary(s.Id, s.MessageId, s.Title, s.TargetDescription, s.ValidateOnly, s.CreatedBy, s.CreatedAt, s.Total, s.Succeeded, s.Failed))
            .ToListAsync(ct);
    }

    /// <summary>What a past send said, to whom and how it went: enough to show it again or send it again.</summary>
    public async Task<(PushContent Content, PushTarget Target, IReadOnlyList<PushDeliveryResult> Results)?> LoadSendAsync(int clubId, long sendId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var send = await db.PushSends.AsNoTracking().Include(s => s.Deliveries).SingleOrDefaultAsync(s => s.Id == sendId && s.ClubId == clubId, ct);
        if (send is null)
        {
            return null;
        }
        var content = JsonSerializer.Deserialize<PushContent>(send.ContentJson) ?? new PushContent();
        var members = send.Deliveries.Where(d => d.MemberId is not null).Select(d => d.MemberId!.Value).Distinct().ToList();
        var pasted = send.Deliveries.FirstOrDefault(d => d.MemberId is null);
        // Tokens without a member (pasted, or a test device) come back as one pasted token: the first.
        var results = send.Deliveries.Select(d => new PushDeliveryResult(d.Token, d.Platform, d.FirebaseProjectSlug, d.MemberId, d.Success, d.FcmMessageName, d.ErrorCode, d.ErrorMessage, d.Attempts)).ToList();
        return (content, new PushTarget(members, pasted?.Token, pasted?.FirebaseProjectSlug, pasted?.Platform), results);
    }

    private static PushDeliveryResult ToResult(FcmSendResult result, PushRecipient recipient) => new(
        result.Token, recipient.Platform, recipient.ProjectSlug, recipient.MemberId, result.Success, result.MessageName, result.ErrorCode, result.ErrorMessage, result.Attempts);

    private sealed class Progress(IReadOnlyDictionary<string, PushRecipient> recipients,
        ConcurrentDictionary<string, PushDeliveryResult> answered, IProgress<PushDeliveryResult>? inner) : IProgress<FcmSendResult>
    {
        public void Report(FcmSendResult value)
        {
            var result = ToResult(value, recipients[value.Token]);
            answered[value.Token] = result;
            inner?.Report(result);
        }
    }

    private static string AsciiLower(string text) => string.Create(text.Length, text, (chars, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            chars[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + ('a' - 'A')) : source[i];
        }
    });
}
