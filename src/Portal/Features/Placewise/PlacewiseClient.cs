using Portal.Features.ApiKeys;
using Portal.Features.Clubs;

namespace Portal.Features.Placewise;

/// <summary>The club and the client (API key) of a Placewise request, as checked for <see cref="PlacewiseClientAttribute"/> (stored by <see cref="PlacewiseAuthorizationHandler"/>).</summary>
public record PlacewiseClient(ClubSummary Club, ApiKeyService.ApiKeyInfo Key, string ProductName, string? SubproductName)
{
    private const string ItemKey = nameof(PlacewiseClient);

    public void Store(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>The key as the actor of a use case this request asks for, named with the calling product.</summary>
    public Audit.Actor Actor(HttpContext context) =>
        Audit.Actor.ApiKey(Key.Id, Key.Name, Club.Id, Key.Permits, ProductName, context.Connection.RemoteIpAddress?.ToString());

    public static PlacewiseClient From(HttpContext context) =>
        context.Items[ItemKey] as PlacewiseClient
        ?? throw new InvalidOperationException("The action lacks [PlacewiseClient].");
}
