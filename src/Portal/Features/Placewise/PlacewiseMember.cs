using Portal.Features.Clubs;

namespace Portal.Features.Placewise;

/// <summary>The club and member of a request made with a member token, as checked for <see cref="PlacewiseMemberAttribute"/> (stored by <see cref="PlacewiseAuthorizationHandler"/>).</summary>
public record PlacewiseMember(ClubSummary Club, long MemberId, long TokenId, string ProductName)
{
    private const string ItemKey = nameof(PlacewiseMember);

    public void Store(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>The member as the actor of a use case on its own data, named with the calling product.</summary>
    public Audit.Actor Actor(HttpContext context) =>
        Audit.Actor.Member(MemberId, Club.Id, ProductName, context.Connection.RemoteIpAddress?.ToString());

    public static PlacewiseMember From(HttpContext context) =>
        context.Items[ItemKey] as PlacewiseMember
        ?? throw new InvalidOperationException("The action lacks [PlacewiseMember].");
}
