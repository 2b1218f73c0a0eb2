using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Members;
using Portal.Features.Schema;

namespace Portal.Components.Tests.Members;

/// <summary>A club with a signed-in user and members created through the real <see cref="MemberService"/>.</summary>
public abstract class MemberTest : ComponentTest
{
    protected int ClubId { get; private set; }

    protected async Task<int> ClubWithUserAsync(string role, string email = "ann@members.test")
    {
        ClubId = await CreateClubAsync("members-mall", "Members Mall");
        await SignInAsync(email, role, ClubId);
        return ClubId;
    }

    protected async Task AddConsentAsync(string key, string title, bool active = true)
    {
        using var scope = Context.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ClubSchemaService>().SaveConsentAsync(ClubId, key, title, $"{title}, as the club asks it", active, Actor.System);
    }

    protected async Task<long> CreateMemberAsync(string firstName, string lastName, string email, bool emailEnabled = true,
        JsonObject? consents = null, string? msisdn = null)
    {
        using var scope = Context.Services.CreateScope();
        var properties = new JsonObject { ["first_name"] = firstName, ["last_name"] = lastName, ["email"] = email };
        if (msisdn is not null)
        {
            properties["msisdn"] = msisdn;
        }
        var member = await scope.ServiceProvider.GetRequiredService<MemberService>().CreateAsync(ClubId, new MemberDraft
        {
            Properties = properties,
            EmailEnabled = emailEnabled,
            Consents = consents,
            OptinChannel = "webforms",
        }, Actor.Import);
        return member.Value!.Id;
    }

    protected async Task<MemberView?> FindMemberAsync(long id)
    {
        using var scope = Context.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MemberService>().FindAsync(ClubId, id);
    }

    protected async Task BanAsync(long id, DateTime untilUtc)
    {
        using var scope = Context.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<MemberService>().SetBanAsync(ClubId, id, untilUtc, Actor.System);
    }

    protected async Task<int> CountMembersAsync()
    {
        using var scope = Context.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<MemberQueryService>().ListAsync(ClubId, new MemberListQuery())).Count;
    }

    protected void Navigate(string path) => Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(path);

    protected string CurrentUri => Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri;

    protected IEnumerable<MudBlazor.Snackbar> Snackbars => Context.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars;
}
