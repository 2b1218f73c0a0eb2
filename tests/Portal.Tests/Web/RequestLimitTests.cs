using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Web;

/// <summary>Kestrel's own limits (WebApplicationFactory's test server does not apply them), on a real port.</summary>
public class RequestLimitTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private Microsoft.AspNetCore.Builder.WebApplication app = default!;
    private Uri baseUrl = default!;

    public async Task InitializeAsync()
    {
        app = PortalWebApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production", .. database.ConnectionArguments, "--Portal:ValidateServices=true"]);
        await app.StartAsync();
        baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("mall", "Mall", Portal.Features.Audit.Actor.System);
        key = (await scope.ServiceProvider.GetRequiredService<Portal.Features.ApiKeys.ApiKeyService>().CreateAsync("mall", "App", null, null, Portal.Features.Audit.Actor.System)).Value!.Key;
    }

    private string key = "";

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task BodiesOverOneMegabyteAreRefusedWith413AndWriteNothing()
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var huge = "{\"properties\":{\"first_name\":\"" + new string('x', (int)PortalWebApp.MaxRequestBodyBytes + 10) + "\"}}";

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/mall/members") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Client-Authorization", key);
        request.Headers.Add("X-Product-Name", "app");
        request.Headers.Add("X-User-Agent", "test");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // Placewise apps read {"error": "..."} whatever went wrong (seed 000/001 error bodies: {"error": ...}).
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(Portal.Tests.Security.ApiErrorFormatCheck.Problem(Portal.Tests.Security.ApiErrorFormat.Placewise, response.StatusCode, "application/json",
            await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM Members"));
    }

    [Theory]
    // Seed 003 (Centrapay) error shape: {"statusCode": n, "error": "...", "message": "..."}.
    [InlineData("POST", "/api/applets/a1/applet-memberships", Portal.Tests.Security.ApiErrorFormat.Centrapay)]
    public async Task BodiesOverOneMegabyteUnderApiAnswerTheSurfacesErrorBody(string method, string path, Portal.Tests.Security.ApiErrorFormat format)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var huge = "{\"device_token\":\"" + new string('x', (int)PortalWebApp.MaxRequestBodyBytes + 10) + "\"}";
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", key);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(Portal.Tests.Security.ApiErrorFormatCheck.Problem(format, response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync()));
    }
}
