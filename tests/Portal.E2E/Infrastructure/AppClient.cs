using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Plays a club's mobile app against the running Portal: creates members, signs them in, registers devices. The demo
/// club's app by default; a test's own club's app when given one.
/// </summary>
public sealed class AppClient : IDisposable
{
    private readonly PortalAppFixture app;
    private readonly OwnClub? ownClub;
    private readonly HttpClient http;

    public AppClient(PortalAppFixture app, OwnClub? ownClub = null)
    {
        this.app = app;
        this.ownClub = ownClub;
        http = new HttpClient { BaseAddress = app.BaseUrl };
    }

    private string Slug => ownClub?.Slug ?? PortalAppFixture.DemoClubSlug;

    private async Task<string> ApiKeyAsync() => ownClub?.ApiKey ?? await app.ApiKeyAsync();

    public async Task<long> CreateMemberAsync(string email, string firstName, string lastName, string password = "e2e-password-1")
    {
        // The demo club asks for its e-mail consent; a new club has no consents defined yet.
        var consents = ownClub is null ? "\"consents\":{\"email_marketing\":true}," : "";
        var body = await SendAsync(HttpMethod.Post, $"/v3/{Slug}/members", JsonNode.Parse($$"""
            {"properties":{"email":"{{email}}","first_name":"{{firstName}}","last_name":"{{lastName}}"},
             {{consents}}"password":"{{password}}"}
            """), await ApiKeyAsync(), null);
        return body["id"]!.GetValue<long>();
    }

    public async Task<string> SignInAsync(long memberId, string password = "e2e-password-1")
    {
        var body = await SendAsync(HttpMethod.Post, $"/v3/{Slug}/members/oauth/token",
            JsonNode.Parse($$"""{"grant_type":"password","identifier_type":"id","identifier":"{{memberId}}","password":"{{password}}"}"""), await ApiKeyAsync(), null);
        return body["access_token"]!.GetValue<string>();
    }

    // Seed 000 sends both: the app's client token (permit BL:Api:Members:AppTokens:CreateOrUpdate) and the member token.
    public async Task RegisterAppTokenAsync(string accessToken, string token, string installation, string platform = "android", string firebaseProject = "infinity-app") =>
        await SendAsync(HttpMethod.Post, $"/v3/{Slug}/members/me/app_tokens",
            JsonNode.Parse($$"""{"token":"{{token}}","platform":"{{platform}}","app_installation_id":"{{installation}}","firebase_project_slug":"{{firebaseProject}}"}"""), await ApiKeyAsync(), accessToken);

    public Task ReportDeliveredAsync(string accessToken, string messageId) =>
        SendAsync(HttpMethod.Post, $"/v3/{Slug}/members/me/messages/{messageId}/delivered", null, null, accessToken);

    /// <summary>Centrapay: the applet memberships of an account, first page.</summary>
    public async Task<JsonObject> AppletMembershipsAsync(string accountId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{accountId}/applet-memberships");
        request.Headers.Add("x-api-key", await ApiKeyAsync());
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"List applet memberships answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> MemberAsync(long memberId) =>
        (await SendAsync(HttpMethod.Get, $"/v3/{Slug}/members/{memberId}", null, await ApiKeyAsync(), null)).AsObject();

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, string? clientToken, string? memberToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (clientToken is not null)
        {
            request.Headers.Add("X-Client-Authorization", clientToken);
        }
        if (memberToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", memberToken);
        }
        request.Headers.Add("X-Product-Name", "e2e-app");
        request.Headers.Add("X-User-Agent", "Portal.E2E");
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public void Dispose() => http.Dispose();
}
