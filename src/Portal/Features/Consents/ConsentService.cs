using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Audit;
using Portal.Features.Schema;

namespace Portal.Features.Consents;

/// <summary>
/// Records consent answers: the current state per member and one history row per change, in the caller's
/// context so it commits (or not) with the rest of the member's change.
/// </summary>
public class ConsentService
{
    /// <summary>
    /// Applies <paramref name="answers"/> (keys already checked against the schema) to a saved member; an
    /// answer equal to the current one changes nothing.
    /// </summary>
    public void Apply(PortalDbContext db, Member member, ClubSchema schema, IReadOnlyDictionary<string, bool> answers, Actor actor, DateTime now)
    {
        foreach (var (key, status) in answers)
        {
            var definition = schema.Consent(key) ?? throw new InvalidOperationException($"Consent '{key}' was not validated.");
            var current = member.Consents.FirstOrDefault(c => c.ConsentDefinitionId == definition.Id);
            if (current?.Status == status)
            {
                continue;
            }
            if (current is null)
            {
                member.Consents.Add(new MemberConsent { Member = member, ConsentDefinitionId = definition.Id, Status = status, UpdatedAt = now });
            }
            else
            {
                current.Status = status;
                current.UpdatedAt = now;
            }
            db.ConsentChanges.Add(new ConsentChange
            {
                ClubId = member.ClubId,
                MemberId = member.Id,
                ConsentDefinitionId = definition.Id,
                DefinitionVersion = definition.Version,
                OldStatus = current is null ? null : !status,
                NewStatus = status,
                ChangedAt = now,
                Channel = actor.ConsentChannel,
                ClientName = actor.ClientName,
                ActorType = actor.Type,
                ActorId = actor.Id,
                ActorName = actor.Name,
            });
        }
    }
}
