using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Outbox;

namespace Portal.Components.Tests.Outbox;

public sealed class OutboxPageTests : ComponentTest
{
    [Fact]
    public async Task ShowsWhatPortalSentNewestFirst()
    {
        var club = await CreateClubAsync("outbox-mall", "Outbox Mall");
        await SignInAsync("admin@outbox.test", PortalRoles.Admin, club);
        await QueueAsync(club, OutboxSender.Email, "kari@outbox.test", "Welcome", "Welcome to the club", "welcome");
        await QueueAsync(club, OutboxSender.Sms, "4790000001", null, "Your code is 123456", "registration_code");

        var page = Context.Render<OutboxPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("table[aria-label='Outbox'] tbody tr").Count));
        var rows = page.FindAll("tbody tr");
        Assert.Contains("Your code is 123456", rows[0].TextContent);
        Assert.Contains("sms", rows[0].TextContent);
        Assert.Contains("registration_code", rows[0].TextContent);
        Assert.Contains("Welcome to the club", rows[1].TextContent);
        Assert.Contains("kari@outbox.test", rows[1].TextContent);
    }

    [Fact]
    public async Task FilteringByRecipientKeepsOnlyTheirMessages()
    {
        var club = await CreateClubAsync("outbox-mall", "Outbox Mall");
        await SignInAsync("admin@outbox.test", PortalRoles.Admin, club);
        await QueueAsync(club, OutboxSender.Email, "kari@outbox.test", "Welcome", "Welcome, Kari", "welcome");
        await QueueAsync(club, OutboxSender.Email, "ola@outbox.test", "Welcome", "Welcome, Ola", "welcome");

        var page = Context.Render<OutboxPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        page.Find("#outbox-recipient").Change("ola@");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        Assert.Contains("Welcome, Ola", page.Find("tbody tr").TextContent);

        page.Find("#outbox-recipient").Change("nobody@");
        page.WaitForAssertion(() => Assert.Contains("Nothing has been sent yet.", page.Markup));
    }

    [Fact]
    public async Task AnEmptyOutboxSaysSo()
    {
        var club = await CreateClubAsync("outbox-mall", "Outbox Mall");
        await SignInAsync("admin@outbox.test", PortalRoles.Admin, club);

        var page = Context.Render<OutboxPage>();

        page.WaitForAssertion(() => Assert.Contains("Nothing has been sent yet.", page.Markup));
        Assert.Equal("Outbox", page.Find("h1").TextContent.Trim());
    }

    private async Task QueueAsync(int club, string channel, string recipient, string? subject, string body, string purpose)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        Context.Services.GetRequiredService<OutboxSender>().Queue(db, club, channel, recipient, subject, body, purpose);
        await db.SaveChangesAsync();
    }
}
