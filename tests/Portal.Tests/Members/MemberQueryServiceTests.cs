using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Features.Schema;
using Portal.Tests.Web;

namespace Portal.Tests.Members;

public class MemberQueryServiceTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>, IAsyncLifetime
{
    private int clubId;
    private readonly Dictionary<string, long> ids = new();

    public async Task InitializeAsync()
    {
        clubId = (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");
        // xunit makes a class instance per test; the members are created once per factory.
        if (factory.Database.Scalar("SELECT COUNT(*) FROM Members") > 0)
        {
            foreach (var first in new[] { "Ola", "Kari", "Per" })
            {
                ids[first] = factory.Database.Scalar($"SELECT Id FROM Members WHERE FirstName = '{first}'");
            }
            return;
        }
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClubSchemaService>().SaveConsentAsync(clubId, "news", "News", "", true, Actor.System);
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();
        foreach (var (first, last, email, msisdn, news) in new (string, string, string, string, bool?)[]
                 {
                     ("Ola", "Nordmann", "ola@example.no", "4740769126", true),
                     ("Kari", "Nordmann", "kari@example.no", "4790012345", false),
                     ("Per", "Hansen", "per.hansen@example.com", "4541122334", null),
                 })
        {
            var consents = news is null ? null : new JsonObject { ["news"] = news.Value };
            var member = await members.CreateAsync(clubId, new MemberDraft
            {
                Properties = new JsonObject { ["first_name"] = first, ["last_name"] = last, ["email"] = email, ["msisdn"] = msisdn },
                Consents = consents,
            }, Actor.Import);
            ids[first] = member.Value!.Id;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IReadOnlyList<string?>> FirstNamesAsync(MemberListQuery query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<MemberQueryService>().ListAsync(clubId, query);
        return page.Rows.Select(r => r.FirstName).ToList();
    }

    [Fact]
    public async Task ListsNewestFirstByDefault() =>
        Assert.Equal(["Per", "Kari", "Ola"], await FirstNamesAsync(new MemberListQuery()));

    [Theory]
    [InlineData("ola@", "Ola")]
    [InlineData("PER.H", "Per")]
    [InlineData("+47 407", "Ola")]
    [InlineData("0045411", "Per")]
    [InlineData("hansen", "Per")]
    [InlineData("kar", "Kari")]
    public async Task SearchFindsByEmailMsisdnOrNamePrefix(string search, string expected) =>
        Assert.Equal([expected], await FirstNamesAsync(new MemberListQuery { Search = search }));

    [Fact]
    public async Task SearchFindsByMemberId() =>
        Assert.Equal(["Kari"], await FirstNamesAsync(new MemberListQuery { Search = ids["Kari"].ToString() }));

    [Fact]
    public async Task SearchTreatsLikeWildcardsAsText() =>
        Assert.Empty(await FirstNamesAsync(new MemberListQuery { Search = "%" }));

    [Theory]
    [InlineData(ConsentFilter.Given, "Ola")]
    [InlineData(ConsentFilter.Refused, "Kari")]
    [InlineData(ConsentFilter.NeverAnswered, "Per")]
    public async Task FiltersByConsentAnswer(ConsentFilter state, string expected) =>
        Assert.Equal([expected], await FirstNamesAsync(new MemberListQuery { ConsentKey = "news", ConsentState = state }));

    [Fact]
    public async Task FiltersByActivePushToken()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Features.Devices.DeviceTokenService>()
                .RegisterAsync(clubId, ids["Kari"], new Portal.Features.Devices.DeviceRegistration("kari-token", "android", "kari-phone"));
        }

        Assert.Equal(["Kari"], await FirstNamesAsync(new MemberListQuery { HasPushToken = true }));
        Assert.Equal(["Per", "Ola"], await FirstNamesAsync(new MemberListQuery { HasPushToken = false }));
    }

    [Fact]
    public async Task SortsByName() =>
        Assert.Equal(["Per", "Kari", "Ola"], await FirstNamesAsync(new MemberListQuery { SortBy = "name", Descending = false }));

    [Fact]
    public void CsvCellsAreQuotedAndDefusedForSpreadsheets()
    {
        Assert.Equal("plain", MemberExportEndpoint.Cell("plain"));
        Assert.Equal("\"a,b\"", MemberExportEndpoint.Cell("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", MemberExportEndpoint.Cell("say \"hi\""));
        Assert.Equal("'=HYPERLINK(1)", MemberExportEndpoint.Cell("=HYPERLINK(1)"));
    }
}
