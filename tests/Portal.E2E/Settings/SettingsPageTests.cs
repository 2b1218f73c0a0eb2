using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.E2E.Infrastructure;

namespace Portal.E2E.Settings;

[Collection(PortalE2ECollection.Name)]
public sealed class SettingsPageTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    [Fact]
    public async Task PropertyAddedInSettingsIsRequiredByTheApiAtOnce()
    {
        // A required property changes the club for every later API call: this test changes a club of its own.
        var club = await App.CreateOwnClubAsync("settings");
        var key = $"loyalty_tier_{Guid.NewGuid():N}"[..20];

        await RunInPageAsync(async page =>
        {
            await page.GotoAsync("/settings");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Level = 1 })).ToBeVisibleAsync();

            await page.GetByLabel("Key (snake_case)").First.FillAsync("Not Snake");
            await page.GetByLabel("Label", new() { Exact = true }).FillAsync("Tier");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add property" }).ClickAsync();
            await Expect(page.GetByLabel("Key (snake_case)").First).ToHaveAccessibleDescriptionAsync(new Regex("^A key is snake_case")); // under the field, tied to it

            await page.GetByLabel("Key (snake_case)").First.FillAsync(key);
            await page.GetByLabel("Required", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add property" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = key })).ToContainTextAsync("Yes");
        }, signedInAs: club.Admin);

        var response = await CreateMemberAsync(club, $"tier-{Guid.NewGuid():N}@example.no");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("presence", errors[key]![0]!["error"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> CreateMemberAsync(OwnClub club, string email)
    {
        using var http = new HttpClient { BaseAddress = App.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/{club.Slug}/members")
        {
            Content = JsonContent.Create(JsonNode.Parse($$"""{"properties":{"email":"{{email}}"},"password":"e2e-password-1"}""")),
        };
        request.Headers.Add("X-Client-Authorization", club.ApiKey);
        request.Headers.Add("X-Product-Name", "e2e-app");
        request.Headers.Add("X-User-Agent", "Portal.E2E");
        return await http.SendAsync(request);
    }
}
