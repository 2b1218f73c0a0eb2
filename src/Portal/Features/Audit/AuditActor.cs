using System.Globalization;
using Portal.Features.Members;

namespace Portal.Features.Audit;

/// <summary>Who did something, and from which address. Never a secret.</summary>
public sealed record AuditActor(string Type, string? Id, string? Name, string? RemoteIp)
{
    /// <summary>The operations CLI or the app itself (retention, start-up).</summary>
    public static readonly AuditActor System = new("system", null, "Portal", null);

    public static AuditActor Admin(string userId, string? email, string? remoteIp) => new("admin", userId, email, remoteIp);

    /// <summary>Someone who is not signed in, e.g. a failed sign-in; <paramref name="name"/> is what they typed.</summary>
    public static AuditActor Anonymous(string? name, string? remoteIp) => new("anonymous", null, name, remoteIp);

    public static AuditActor ApiKey(int keyId, string keyName, string? remoteIp) =>
        new("api_key", keyId.ToString(CultureInfo.InvariantCulture), keyName, remoteIp);

    public static AuditActor From(ConsentActor actor, string? remoteIp) => new(actor.ActorType, actor.ActorId, actor.ActorName, remoteIp);
}
