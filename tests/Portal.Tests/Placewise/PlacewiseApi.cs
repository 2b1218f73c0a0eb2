using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.ApiKeys;
using Portal.Tests.Web;

namespace Portal.Tests.Placewise;

/// <summary>Calls the Placewise endpoints the way a mobile app does: client token and product headers.</summary>
public sealed class PlacewiseApi(HttpClient client, string clientToken, string slug = "test-mall")
{
    public static async Task<string> CreateKeyAsync(PortalWebFactory factory, string? permits = null, string club = "test-mall")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(club, "Mall app", permits, null, Actor.System);
        return issued.Value!.Key;
    }

    public Task<HttpResponseMessage> CreateMemberAsync(JsonObject body, Action<HttpRequestMessage>? tweak = null) =>
        SendAsync(HttpMethod.Post, $"/v3/{slug}/members", body.ToJsonString(), tweak);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, Action<HttpRequestMessage>? tweak = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Client-Authorization", clientToken);
        request.Headers.Add("X-Product-Name", "mall-app");
        request.Headers.Add("X-Subproduct-Name", "campaign-10-2017");
        request.Headers.Add("X-User-Agent", "MallApp/5.2 (iOS 18)");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        tweak?.Invoke(request);
        return client.SendAsync(request);
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!.AsObject();
}
