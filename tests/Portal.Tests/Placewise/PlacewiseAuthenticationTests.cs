using System.Net;
using System.Text.Json.Nodes;
using Portal.Tests.Web;

namespace Portal.Tests.Placewise;

/// <summary>
/// The Placewise schemes and their authorization handler answer refusals in Placewise's order and format, as the
/// action filters they replaced did: club (404), client token (401), permit (403), then product headers (470).
/// </summary>
public class PlacewiseAuthenticationTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private static readonly string Member = new JsonObject { ["properties"] = new JsonObject { ["email"] = "order@example.no" } }.ToJsonString();

    private static void WithoutProductHeaders(HttpRequestMessage request)
    {
        request.Headers.Remove("X-Product-Name");
        request.Headers.Remove("X-User-Agent");
    }

    [Fact]
    public async Task UnknownClubComesBeforeAWrongClientToken()
    {
        var api = new PlacewiseApi(factory.CreateBrowserlessClient(), "pk_nope_nope", slug: "no-such-mall");

        var response = await api.SendAsync(HttpMethod.Post, "/v3/no-such-mall/members", Member, WithoutProductHeaders);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Loyalty club not found", (await PlacewiseApi.JsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMissingPermitComesBeforeMissingProductHeaders()
    {
        var api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory, "BL:Api:Schema:Show"));

        var response = await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members", Member, WithoutProductHeaders);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Client token lacks the permit BL:Api:Members:Create", (await PlacewiseApi.JsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnInvalidMemberTokenIs460InPlacewiseFormat()
    {
        var api = new PlacewiseApi(factory.CreateBrowserlessClient(), "unused");

        var response = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/me/messages",
            tweak: request => request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token"));

        Assert.Equal(460, (int)response.StatusCode);
        Assert.Equal("Invalid or expired member token", (await PlacewiseApi.JsonAsync(response))["error"]!.GetValue<string>());
    }
}
