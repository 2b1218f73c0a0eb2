using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Schema;
using Portal.Tests.Access;
using Portal.Tests.Placewise;
using Portal.Tests.Web;

namespace Portal.Tests.Members;

/// <summary>Access and portability requests: everything Portal holds about one member, as JSON, for the member and for admins.</summary>
public class MemberDataExportTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>, IAsyncLifetime
{
    private PlacewiseApi api = default!;

    public async Task InitializeAsync()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClubSchemaService>()
                .SaveConsentAsync(await AccessTestUsers.ClubIdAsync(factory), "newsletter", "Newsletter", "News by e-mail", true, Actor.System);
        }
        api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheMemberDownloadsEverythingHeldAboutThemAndNoSecrets()
    {
        var (id, accessToken) = await CreateSignedInMemberAsync("export@example.no", "4741999001");
        Assert.Equal(HttpStatusCode.OK, (await AsMember(HttpMethod.Put, "/v3/test-mall/members/me", accessToken, """{"consents":{"newsletter":false}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AsMember(HttpMethod.Post, "/v3/test-mall/members/me/app_tokens", accessToken,
            """{"token":"export-fcm-token","platform":"android","app_installation_id":"export-phone","firebase_project_slug":"mall-app"}""")).StatusCode);

        var response = await AsMember(HttpMethod.Get, "/v3/test-mall/members/me/data_export", accessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var document = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(id, document["member"]!["id"]!.GetValue<long>());
        Assert.Equal("export@example.no", document["member"]!["email"]!.GetValue<string>());
        Assert.Equal("Export", document["member"]!["properties"]!["first_name"]!.GetValue<string>());
        Assert.True(document["member"]!["has_password"]!.GetValue<bool>());
        Assert.NotNull(document["member"]!["password_changed_at"]);
        Assert.Null(document["member"]!["email_verified_at"]);
        Assert.Equal("test-mall", document["club"]!["slug"]!.GetValue<string>());
        Assert.False(document["consents"]![0]!["status"]!.GetValue<bool>());
        Assert.Equal([true, false], document["consent_history"]!.AsArray().Select(c => c!["new_status"]!.GetValue<bool>()));
        Assert.Equal("export-fcm-token", document["devices"]![0]!["token"]!.GetValue<string>());
        Assert.NotNull(document["applet_memberships"]);
        Assert.NotNull(document["push_messages"]);
        Assert.DoesNotContain("export-password-1", text);
        Assert.DoesNotContain("AQAAAA", text); // an Identity password hash
        Assert.DoesNotContain(accessToken, text);
        Assert.Contains(await AccessTestUsers.AuditAsync(factory, AuditActions.MemberExported), r => r.Target == $"member:{id}" && r.ActorType == "member");
    }

    [Fact]
    public async Task AnAdminDownloadsAMembersDataAndAnotherClubsMemberIsNotFound()
    {
        var (id, _) = await CreateSignedInMemberAsync("admin-export@example.no", "4741999002");
        using var browser = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(browser, PortalWebFactory.AdminEmail, PortalWebFactory.Password);

        var response = await browser.GetAsync($"/members/{id}/export.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("admin-export@example.no", document["member"]!["email"]!.GetValue<string>());
        var record = Assert.Single(await AccessTestUsers.AuditAsync(factory, AuditActions.MemberExported), r => r.Target == $"member:{id}" && r.ActorType == "admin");
        Assert.Equal(PortalWebFactory.AdminEmail, record.ActorName);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("export-other-mall", "Export Other Mall", Actor.System);
        }
        var foreignKey = await PlacewiseApi.CreateKeyAsync(factory, club: "export-other-mall");
        var foreign = await new PlacewiseApi(factory.CreateBrowserlessClient(), foreignKey, "export-other-mall").CreateMemberAsync(
            JsonNode.Parse("""{"properties":{"email":"foreign@example.no","first_name":"F","last_name":"O"},"password":"foreign-password-1"}""")!.AsObject());
        var foreignId = (await PlacewiseApi.JsonAsync(foreign))["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/members/{foreignId}/export.json")).StatusCode);
    }

    private async Task<(long Id, string AccessToken)> CreateSignedInMemberAsync(string email, string msisdn)
    {
        var created = await api.CreateMemberAsync(JsonNode.Parse($$"""
            {"properties":{"email":"{{email}}","msisdn":"{{msisdn}}","first_name":"Export","last_name":"Member"},
             "password":"export-password-1","consents":{"newsletter":true} }
            """)!.AsObject());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await PlacewiseApi.JsonAsync(created))["id"]!.GetValue<long>();
        var token = await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/oauth/token",
            $$"""{"grant_type":"password","identifier_type":"email","identifier":"{{email}}","password":"export-password-1"}""");
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return (id, (await PlacewiseApi.JsonAsync(token))["access_token"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> AsMember(HttpMethod method, string path, string accessToken, string? json = null) =>
        api.SendAsync(method, path, json, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken));
}
