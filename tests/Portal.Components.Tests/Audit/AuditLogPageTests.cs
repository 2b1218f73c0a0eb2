using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Components.Tests.Audit;

public sealed class AuditLogPageTests : ComponentTest
{
    [Fact]
    public async Task ShowsWhoDidWhatFromWhere()
    {
        var club = await CreateClubAsync("audit-mall", "Audit Mall");
        await SignInAsync("admin@audit.test", PortalRoles.Admin, club);
        await RecordAsync(AuditActions.SignInFailed, Actor.Anonymous("kari@audit.test", "203.0.113.7"), club, details: "wrong password");
        await RecordAsync(AuditActions.AppletSaved, Actor.User("u1", "ola@audit.test", "198.51.100.2"), club, "applet:abc");

        var page = Context.Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("table[aria-label='Audit events'] tbody tr").Count));
        var failed = Row(page, AuditActions.SignInFailed);
        Assert.Contains("kari@audit.test", failed.TextContent);
        Assert.Contains("Not signed in · 203.0.113.7", failed.TextContent);
        Assert.Contains("wrong password", failed.TextContent);
        var saved = Row(page, AuditActions.AppletSaved);
        Assert.Contains("Portal user · 198.51.100.2", saved.TextContent);
        Assert.Contains("applet:abc", saved.TextContent);
        Assert.Contains("Records hold ids, never message bodies", page.Markup);
    }

    [Fact]
    public async Task FilteringByWhoAndByEventFamilyNarrowsTheList()
    {
        var club = await CreateClubAsync("audit-mall", "Audit Mall");
        await SignInAsync("admin@audit.test", PortalRoles.Admin, club);
        await RecordAsync(AuditActions.SignInFailed, Actor.Anonymous("kari@audit.test", "203.0.113.7"), club);
        await RecordAsync(AuditActions.AppletSaved, Actor.User("u1", "ola@audit.test", "198.51.100.2"), club);
        await RecordAsync(AuditActions.SignedIn, Actor.User("u1", "ola@audit.test", "198.51.100.2"), club);

        var page = Context.Render<AuditLogPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tbody tr").Count));

        page.Find("#audit-actor").Change("ola@audit.test");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        var what = page.FindComponent<MudAutocomplete<string>>();
        await page.InvokeAsync(() => what.Instance.ValueChanged.InvokeAsync("account"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        Assert.NotNull(Row(page, AuditActions.SignedIn));

        page.Find("#audit-actor").Change("203.0.113.7");
        page.WaitForAssertion(() => Assert.NotNull(Row(page, AuditActions.SignInFailed)));
        Assert.Single(page.FindAll("tbody tr"));
    }

    [Fact]
    public async Task TheEventChoicesOfferWholeFamiliesAndSingleEvents()
    {
        var club = await CreateClubAsync("audit-mall", "Audit Mall");
        await SignInAsync("admin@audit.test", PortalRoles.Admin, club);
        var page = Context.Render<AuditLogPage>();
        var what = page.FindComponent<MudAutocomplete<string>>();

        var results = await what.Instance.SearchFunc!("account", CancellationToken.None)!;
        var found = results!.ToList();

        Assert.Equal("account", found[0]);
        Assert.Contains(AuditActions.LockedOut, found);
        Assert.DoesNotContain(AuditActions.AppletSaved, found);
    }

    [Fact]
    public async Task NoEventsShowTheEmptyText()
    {
        var club = await CreateClubAsync("audit-mall", "Audit Mall");
        await SignInAsync("admin@audit.test", PortalRoles.Admin, club);

        var page = Context.Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Contains("No events match.", page.Markup));
    }

    [Fact]
    public async Task AViewerIsShownNoEventsEvenIfTheyReachThePage()
    {
        var club = await CreateClubAsync("audit-mall", "Audit Mall");
        await SignInAsync("viewer@audit.test", PortalRoles.Viewer, club);
        await RecordAsync(AuditActions.SignedIn, Actor.User("u1", "ola@audit.test", null), club);

        var page = Context.Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Contains("No events match.", page.Markup));
        Assert.DoesNotContain("ola@audit.test", page.Markup);
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<AuditLogPage> page, string action) =>
        page.FindAll("tbody tr").Single(r => r.QuerySelector($"code[data-action='{action}']") is not null);

    private Task RecordAsync(string action, Actor actor, int club, string? target = null, string? details = null) =>
        Context.Services.GetRequiredService<AuditLog>().RecordAsync(action, actor, club, target, details);
}
