using System.Net;
using System.Text.Json;

namespace Portal.Tests.Web;

public class PlumbingTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private readonly HttpClient client = factory.CreateBrowserlessClient();

    [Fact]
    public async Task HealthReportsHealthyWithoutSignIn()
    {
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/members")]
    [InlineData("/settings")]
    [InlineData("/account/change-password")]
    public async Task PagesSendAnonymousVisitorsToSignIn(string path)
    {
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location.Query);
    }

    [Fact]
    public async Task SignInPageIsPublic()
    {
        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sign in", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
    }

    // On .NET 10 Blazor's own script is a static web asset of a package, like MudBlazor's files: both must be
    // served however the app is started (here: the test host; the E2E and process tests start the executable).
    [Theory]
    [InlineData("/_framework/blazor.web.js", "javascript")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", "javascript")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", "text/css")]
    public async Task ScriptsAndStylesOfThePagesAreServed(string path, string contentType)
    {
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    [Fact]
    public async Task UnknownPageShowsTheFriendlyNotFoundPage()
    {
        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownApiPathAnswersProblemDetails()
    {
        var response = await client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/v3/nothing-here")]
    [InlineData("/v3/test-mall/members/not-a-number")]
    public async Task UnknownPlacewisePathAnswersPlacewisesErrorBody(string path)
    {
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Not Found", error.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    // Seed 002 (Masivo): errors are {"error": "...", "details": {...}}.
    [InlineData("GET", "/api/storefront/v1/customers/1/devices", null, 405, "masivo")]
    [InlineData("PATCH", "/api/storefront/v1/nothing-here", null, 404, "masivo")]
    // Seed 003 (Centrapay): errors are {"statusCode": n, "error": "...", "message": "..."}.
    [InlineData("PUT", "/api/applets/a1/applet-memberships", null, 405, "centrapay")]
    [InlineData("GET", "/api/accounts/acc-1/nothing-here", null, 404, "centrapay")]
    public async Task FrameworkErrorsUnderApiAnswerTheSurfacesOwnErrorBody(string method, string path, string? contentType, int status, string surface)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("x-api-key", await Portal.Tests.Placewise.PlacewiseApi.CreateKeyAsync(factory));
        if (contentType is not null)
        {
            request.Content = new StringContent("x", System.Text.Encoding.UTF8, contentType);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var format = surface == "masivo" ? Portal.Tests.Security.ApiErrorFormat.Masivo : Portal.Tests.Security.ApiErrorFormat.Centrapay;
        Assert.Null(Portal.Tests.Security.ApiErrorFormatCheck.Problem(format, response.StatusCode, "application/json", await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task OpenApiDocumentAndSwaggerUiAreServed()
    {
        var document = await client.GetAsync("/swagger/v1/swagger.json");
        var ui = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        Assert.Equal("Portal API", json.RootElement.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health")]
    [InlineData("/no/such/page")]
    public async Task ResponsesForbidFramingAndSniffing(string path)
    {
        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
