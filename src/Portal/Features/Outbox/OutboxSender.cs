using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Features.Outbox;

/// <summary>
/// Puts outgoing SMS and e-mail into the outbox table, in the caller's context so a message exists only if
/// the change that caused it was saved. With no provider configured, admins read them on the Outbox page.
/// </summary>
public class OutboxSender(TimeProvider clock)
{
    public const string Sms = "sms";
    public const string Email = "email";

    public void Queue(PortalDbContext db, int clubId, string channel, string recipient, string? subject, string body, string purpose) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            ClubId = clubId,
            Channel = channel,
            Recipient = recipient,
            Subject = subject,
            Body = body,
            Purpose = purpose,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
}
