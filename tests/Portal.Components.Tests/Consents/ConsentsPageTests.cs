using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Consents;
using Portal.Features.Members;
using Portal.Features.Schema;

namespace Portal.Components.Tests.Consents;

public sealed class ConsentsPageTests : ComponentTest
{
    [Fact]
    public async Task AClubWithoutConsentsIsToldWhereToAddThem()
    {
        var club = await CreateClubAsync("consent-mall", "Consent Mall");
        await SignInAsync("viewer@consents.test", PortalRoles.Viewer, club);

        var page = Context.Render<ConsentsPage>();

        page.WaitForAssertion(() => Assert.Contains("The club asks for no consent yet. Admins add consents in Settings.", page.Markup));
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public async Task CountsPerConsentTheChartAndTheLatestChanges()
    {
        var club = await CreateClubAsync("consent-mall", "Consent Mall");
        await SignInAsync("viewer@consents.test", PortalRoles.Viewer, club);
        using (var scope = Context.Services.CreateScope())
        {
            var schema = scope.ServiceProvider.GetRequiredService<ClubSchemaService>();
            await schema.SaveConsentAsync(club, "newsletter", "Newsletter", "E-mail news", active: true, Actor.System);
            await schema.SaveConsentAsync(club, "sms_offers", "SMS offers", "Offers by SMS", active: true, Actor.System);
        }
        var given = await CreateMemberAsync(club, "a@consents.test", new JsonObject { ["newsletter"] = true, ["sms_offers"] = false });
        await CreateMemberAsync(club, "b@consents.test", new JsonObject { ["newsletter"] = true });
        await CreateMemberAsync(club, "c@consents.test", null);

        var page = Context.Render<ConsentsPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("table")));
        // The answers table is named by its caption.
        var counts = page.FindAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == "Answers per consent").QuerySelectorAll("tbody tr");
        Assert.Equal(["2", "0", "1"], Cells(counts.Single(r => r.TextContent.Contains("Newsletter"))));
        Assert.Equal(["0", "1", "2"], Cells(counts.Single(r => r.TextContent.Contains("SMS offers"))));

        var chart = page.Find("[role=img]");
        Assert.Contains("Newsletter: 2 given, 0 refused, 1 never answered", chart.GetAttribute("aria-label"));
        var mudChart = page.FindComponent<MudChart<double>>();
        Assert.Equal(["Given", "Refused", "Never answered"], mudChart.Instance.ChartSeries.Select(s => s.Name));

        var recent = page.FindAll("table[aria-label='Recent changes'] tbody tr");
        Assert.Equal(3, recent.Count);
        var refused = recent.Single(r => r.TextContent.Contains("SMS offers"));
        Assert.Contains("never answered → refused", refused.TextContent);
        Assert.Equal($"/members/{given}", refused.QuerySelector("a")!.GetAttribute("href"));
    }

    private static string[] Cells(AngleSharp.Dom.IElement row) => row.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim()).ToArray();

    private async Task<long> CreateMemberAsync(int club, string email, JsonObject? consents)
    {
        using var scope = Context.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<MemberService>().CreateAsync(club,
            new MemberDraft { Properties = new JsonObject { ["email"] = email }, Consents = consents }, Actor.Import)).Value!.Id;
    }
}
