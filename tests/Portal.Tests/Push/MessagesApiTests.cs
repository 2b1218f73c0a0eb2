using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Push;
using Portal.Tests.Placewise;

namespace Portal.Tests.Push;

/// <summary>Placewise "Messages": the app reports delivered/open for a push the console sent, and reads the history.</summary>
public class MessagesApiTests(PushWebFactory factory) : IClassFixture<PushWebFactory>
{
    private int ClubId => (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");

    /// <summary>A member signed in on a phone that registered a push token.</summary>
    private async Task<(long MemberId, PlacewiseApi App)> MemberOnAPhoneAsync(string email)
    {
        var key = await PlacewiseApi.CreateKeyAsync(factory);
        var client = new PlacewiseApi(factory.CreateBrowserlessClient(), key);
        var created = await PlacewiseApi.JsonAsync(await client.CreateMemberAsync(JsonNode.Parse($$"""{"properties":{"email":"{{email}}"},"password":"phone-password-1"}""")!.AsObject()));
        var memberId = created["id"]!.GetValue<long>();
        var token = (await PlacewiseApi.JsonAsync(await client.SendAsync(HttpMethod.Post, "/v3/test-mall/members/oauth/token",
            $$"""{"grant_type":"password","identifier_type":"id","identifier":"{{memberId}}","password":"phone-password-1"}""")))["access_token"]!.GetValue<string>();
        var http = factory.CreateBrowserlessClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var app = new PlacewiseApi(http, key);
        await app.SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/app_tokens",
            $$"""{"token":"{{email}}-token","platform":"android","app_installation_id":"phone","firebase_project_slug":"infinity-app"}""");
        return (memberId, app);
    }

    private async Task<PushSendOutcome> SendPushAsync(long memberId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FirebaseProjectService>().SaveAsync(ClubId, "infinity-app", null, factory.Fcm.ServiceAccountJson(), Actor.System);
        return (await scope.ServiceProvider.GetRequiredService<PushService>().SendAsync(ClubId, new PushTarget([memberId]),
            new PushContent { Title = "Hello", Body = "Your coupon is ready" }, false, Actor.Cli("marketer@example.com"), null)).Value!;
    }

    [Fact]
    public async Task DeliveredAndOpenAreRecordedOnceAndShowInTheHistory()
    {
        var (memberId, app) = await MemberOnAPhoneAsync("reader@example.no");
        var sent = await SendPushAsync(memberId);
        Assert.True(Assert.Single(sent.Results).Success);

        var delivered = await app.SendAsync(HttpMethod.Post, $"/v3/test-mall/members/me/messages/{sent.MessageId}/delivered");
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal("{}", await delivered.Content.ReadAsStringAsync());
        Assert.Equal(1, factory.Database.Scalar($"SELECT COUNT(*) FROM PushDeliveries WHERE MemberId = {memberId} AND DeliveredAt IS NOT NULL AND OpenedAt IS NULL"));
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Post, $"/v3/test-mall/members/me/messages/{sent.MessageId}/delivered")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Post, $"/v3/test-mall/members/me/messages/{sent.MessageId}/open")).StatusCode);

        var history = await PlacewiseApi.JsonAsync(await app.SendAsync(HttpMethod.Get, "/v3/test-mall/members/me/messages"));
        var message = Assert.Single(history["messages"]!.AsArray())!;
        Assert.Equal(sent.MessageId, message["message_id"]!.GetValue<string>());
        Assert.Equal("Hello", message["title"]!.GetValue<string>());
        Assert.NotNull(message["delivered_at"]);
        Assert.NotNull(message["opened_at"]);
    }

    [Fact]
    public async Task AMessageSentToSomeoneElseIsNotFound()
    {
        var (recipient, _) = await MemberOnAPhoneAsync("recipient@example.no");
        var (_, bystander) = await MemberOnAPhoneAsync("bystander@example.no");
        var sent = await SendPushAsync(recipient);

        var response = await bystander.SendAsync(HttpMethod.Post, $"/v3/test-mall/members/me/messages/{sent.MessageId}/open");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":"Message not found"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM PushDeliveries WHERE OpenedAt IS NOT NULL"));
    }
}
