using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Entities;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Features.Schema;

namespace Portal.Tests.Schema;

/// <summary>
/// The club schema is read from memory (<see cref="ClubSchemaCache"/>); every edit forgets it, so the next read on
/// the same instance sees the edit, and an edit made by another instance is seen once the entry's lifetime is over.
/// </summary>
public class ClubSchemaCacheTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private WebApplication instance = default!;
    private WebApplication otherInstance = default!;
    private int clubId;

    public async Task InitializeAsync()
    {
        instance = Host();
        otherInstance = Host();
        await using var scope = instance.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Portal.Features.Operations.DatabaseMaintenance>().MigrateAsync();
        clubId = (await scope.ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("mall", "Mall", Actor.System)).Id;
        await Schemas(instance).SaveConsentAsync(clubId, "newsletter", "Newsletter", "News by e-mail", true, Actor.System);
    }

    private WebApplication Host() =>
        PortalServices.BuildCliHost(database.Settings, configureServices: services => services.AddSingleton<TimeProvider>(clock));

    public async Task DisposeAsync()
    {
        await instance.DisposeAsync();
        await otherInstance.DisposeAsync();
        database.Dispose();
    }

    // A scope per call, as a request or a page action has.
    private static ClubSchemaService Schemas(WebApplication host) =>
        host.Services.CreateScope().ServiceProvider.GetRequiredService<ClubSchemaService>();

    private static MemberService Members(WebApplication host) =>
        host.Services.CreateScope().ServiceProvider.GetRequiredService<MemberService>();

    private Task<ClubSchema?> ReadAsync(WebApplication host) => Schemas(host).GetAsync(clubId);

    [Fact]
    public async Task AnAddedPropertyIsSeenByTheNextRead()
    {
        Assert.Null((await ReadAsync(instance))!.Property("shoe_size"));

        await Schemas(instance).SavePropertyAsync(clubId, "shoe_size", "Shoe size", MemberPropertyType.Integer, false, [], Actor.System);

        Assert.Equal("Shoe size", (await ReadAsync(instance))!.Property("shoe_size")!.Label);
    }

    [Fact]
    public async Task AnEditedPropertyIsSeenByTheNextRead()
    {
        await Schemas(instance).SavePropertyAsync(clubId, "colour", "Colour", MemberPropertyType.SingleChoice, false, ["red"], Actor.System);
        Assert.False((await ReadAsync(instance))!.Property("colour")!.Required);

        await Schemas(instance).SavePropertyAsync(clubId, "colour", "Favourite colour", MemberPropertyType.SingleChoice, true, ["red", "blue"], Actor.System);

        var colour = (await ReadAsync(instance))!.Property("colour")!;
        Assert.Equal(("Favourite colour", true), (colour.Label, colour.Required));
        Assert.Equal(["red", "blue"], colour.Choices);
    }

    [Fact]
    public async Task ARemovedPropertyIsGoneFromTheNextRead()
    {
        await Schemas(instance).SavePropertyAsync(clubId, "pet", "Pet", MemberPropertyType.String, false, [], Actor.System);
        Assert.NotNull((await ReadAsync(instance))!.Property("pet"));

        await Schemas(instance).RemovePropertyAsync(clubId, "pet", Actor.System);

        Assert.Null((await ReadAsync(instance))!.Property("pet"));
    }

    [Fact]
    public async Task AnAddedConsentIsSeenByTheNextRead()
    {
        Assert.Null((await ReadAsync(instance))!.Consent("sms_offers"));

        await Schemas(instance).SaveConsentAsync(clubId, "sms_offers", "SMS offers", "Offers by SMS", true, Actor.System);

        Assert.Equal("SMS offers", (await ReadAsync(instance))!.Consent("sms_offers")!.Title);
    }

    [Fact]
    public async Task AnEditedConsentIsSeenByTheNextRead()
    {
        var before = (await ReadAsync(instance))!.Consent("newsletter")!;

        await Schemas(instance).SaveConsentAsync(clubId, "newsletter", "Newsletter", "News and offers by e-mail", false, Actor.System, ConsentKind.Terms);

        var after = (await ReadAsync(instance))!.Consent("newsletter")!;
        Assert.Equal(("News and offers by e-mail", false, ConsentKind.Terms, before.Version + 1), (after.Description, after.Active, after.Kind, after.Version));
    }

    [Fact]
    public async Task AChangeOnAnotherInstanceIsSeenWhenTheLifetimeIsOver()
    {
        var lifetime = instance.Services.GetRequiredService<ClubSchemaCache>().Lifetime;
        Assert.Null((await ReadAsync(instance))!.Consent("from_elsewhere"));

        await Schemas(otherInstance).SaveConsentAsync(clubId, "from_elsewhere", "Elsewhere", "Saved on the other instance", true, Actor.System);

        // Until the entry expires this instance answers from memory (README "Running several instances": the bound).
        clock.Advance(lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Null((await ReadAsync(instance))!.Consent("from_elsewhere"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("Elsewhere", (await ReadAsync(instance))!.Consent("from_elsewhere")!.Title);
    }

    [Fact]
    public async Task AMembersAnswerToAConsentDefinedOnAnotherInstanceIsShownAtOnce()
    {
        Assert.Null((await ReadAsync(instance))!.Consent("from_elsewhere"));
        await Schemas(otherInstance).SaveConsentAsync(clubId, "from_elsewhere", "Elsewhere", "Saved on the other instance", true, Actor.System);
        var member = (await Members(otherInstance).CreateAsync(clubId, new MemberDraft
        {
            Properties = new JsonObject { ["email"] = "elsewhere@example.no" },
            Consents = new JsonObject { ["newsletter"] = true, ["from_elsewhere"] = false },
        }, Actor.Import)).Value!;

        // This instance still holds the schema without the new consent; the member's answer to it makes it read again.
        var shown = (await Members(instance).FindAsync(clubId, member.Id))!;

        Assert.Equal([("from_elsewhere", false), ("newsletter", true)], shown.Consents.Select(c => (c.Key, c.Value.Status)).Order().ToArray());
        Assert.NotNull((await ReadAsync(instance))!.Consent("from_elsewhere"));
    }

    [Fact]
    public async Task AnUnknownClubIsNotRemembered()
    {
        var nextId = clubId + 1;
        Assert.Null(await Schemas(instance).GetAsync(nextId));
        var created = await instance.Services.CreateScope().ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("new-mall", "New mall", Actor.System);

        Assert.Equal(nextId, created.Id);
        Assert.NotNull(await Schemas(instance).GetAsync(created.Id));
    }
}
