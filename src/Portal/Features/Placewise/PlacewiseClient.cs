using Portal.Features.ApiKeys;
using Portal.Features.Clubs;

namespace Portal.Features.Placewise;

/// <summary>The club and the client (API key) of a Placewise request, as checked for <see cref="PlacewiseClientAttribute"/> (stored by <see cref="PlacewiseAuthorizationHandler"/>).</summary>
public record PlacewiseClient(ClubSummary Club, ApiKeyService.ApiKeyInfo Key, string ProductName, string? SubproductName)
{
    private const string ItemKey = nameof(PlacewiseClient);

    public void Store(HttpContext context) => context.Items[ItemKey] = this;

    public static PlacewiseClient From(HttpContext context) =>
        context.Items[ItemKey] as PlacewiseClient
        ?? throw new InvalidOperationException("The action lacks [PlacewiseClient].");
}
